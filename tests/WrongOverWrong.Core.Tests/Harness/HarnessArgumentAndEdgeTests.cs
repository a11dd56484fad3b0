using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Metrics.Statistics;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Harness;

/// <summary>
/// Argument checks (exception type, parameter name, message), edge cases and the numbers in
/// progress reports and not-applicable rows of the harness (issue 16, mutation testing).
/// </summary>
public sealed class HarnessArgumentAndEdgeTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wow-harness-edges-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static List<CandidatePair> Pairs()
    {
        var a = new AnswerSet(TestData.NumericQuestion("a"),
        [
            TestData.Candidate("a", 0, "r0", "1", tokens: 30),
            TestData.Candidate("a", 1, "r1", "2", tokens: 10),
            TestData.Candidate("a", 2, "r2", "3", tokens: 20),
        ]);
        var b = new AnswerSet(TestData.NumericQuestion("b"),
        [
            TestData.Candidate("b", 0, "r0", "5", tokens: 5),
            TestData.Candidate("b", 1, "r1", "6", tokens: 50),
        ]);
        return
        [
            TestData.Pair(a, 0, 1, true),
            TestData.Pair(b, 0, 1, true),
            TestData.Pair(a, 0, 2, true),
            TestData.Pair(a, 1, 2, false),
        ];
    }

    /// <summary>Predicts First for every pair (or drops one prediction) and charges a fixed cost per question.</summary>
    private sealed class FixedElicitor(string name, ElicitationCost cost, bool dropOne = false, bool scored = true) : IPreferenceElicitor
    {
        public string Name => name;

        public Task<ElicitationResult> ElicitAsync(AnswerSet set, IReadOnlyList<UngradedPair> pairs, CancellationToken cancellationToken = default)
        {
            var orders = pairs.Select(_ => scored ? new ElicitedOrder(PairPrediction.First, 2, 1) : new ElicitedOrder(PairPrediction.First)).ToList();
            if (dropOne)
            {
                orders.RemoveAt(0);
            }

            return Task.FromResult(new ElicitationResult(orders, cost));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fewer_than_one_parallel_question_is_refused_with_the_value(int value)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ElicitationHarness(new ElicitationHarnessOptions { MaxParallelQuestions = value }));

        Assert.Equal("options", ex.ParamName);
        Assert.StartsWith($"MaxParallelQuestions must be at least 1 (was {value}).", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    public void A_confidence_outside_the_open_unit_interval_is_refused_with_the_value(double confidence)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ElicitationHarness(new ElicitationHarnessOptions { Confidence = confidence }));

        Assert.Equal("options", ex.ParamName);
        Assert.StartsWith($"Confidence must be in (0, 1) (was {confidence}).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_smallest_valid_settings_are_accepted_and_used()
    {
        var harness = new ElicitationHarness(new ElicitationHarnessOptions { MaxParallelQuestions = 1, Confidence = 0.5, BootstrapResamples = 1 });

        var run = await harness.RunAsync("g", Pairs(), [new LengthElicitor()]);

        Assert.Equal(3, run.Reports.Count); // one per margin of the paper
        Assert.All(run.Reports, r => Assert.Equal(0.5, r.Confidence));
        Assert.False(double.IsNaN(run.Reports[0].CiLower)); // one resample is still an interval
    }

    [Fact]
    public async Task Options_are_copied_so_later_changes_do_not_reach_the_harness()
    {
        var options = new ElicitationHarnessOptions { Margins = [Margin.M100, Margin.M50] };
        var harness = new ElicitationHarness(options);
        options.Margins.Add(Margin.M10);
        options.Confidence = 0.8;

        var run = await harness.RunAsync("g", Pairs(), [new LengthElicitor()]);

        Assert.Equal(["M_100", "M_50"], run.Reports.Select(r => r.Margin));
        Assert.All(run.Reports, r => Assert.Equal(0.95, r.Confidence));

        var copy = options.Clone();
        Assert.NotSame(options.Margins, copy.Margins);
        Assert.Equal(options.Margins, copy.Margins);
        Assert.Equal((options.BootstrapResamples, options.Confidence, options.Seed, options.MaxParallelQuestions), (copy.BootstrapResamples, copy.Confidence, copy.Seed, copy.MaxParallelQuestions));
    }

    [Fact]
    public async Task RunAsync_refuses_missing_arguments_by_name()
    {
        var harness = new ElicitationHarness();

        Assert.Equal("generator", (await Assert.ThrowsAsync<ArgumentNullException>(() => harness.RunAsync(null!, Pairs(), [new LengthElicitor()]))).ParamName);
        Assert.Equal("generator", (await Assert.ThrowsAsync<ArgumentException>(() => harness.RunAsync(" ", Pairs(), [new LengthElicitor()]))).ParamName);
        Assert.Equal("pairs", (await Assert.ThrowsAsync<ArgumentNullException>(() => harness.RunAsync("g", null!, [new LengthElicitor()]))).ParamName);
        Assert.Equal("elicitors", (await Assert.ThrowsAsync<ArgumentNullException>(() => harness.RunAsync("g", Pairs(), null!))).ParamName);
    }

    [Fact]
    public async Task Duplicate_names_are_refused_by_argument_name_with_the_name()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new ElicitationHarness().RunAsync("g", Pairs(), [new LengthElicitor(), new FixedElicitor("x", ElicitationCost.Zero), new LengthElicitor()]));

        Assert.Equal("elicitors", ex.ParamName);
        Assert.StartsWith("Two elicitors are named 'length'; give one a different name.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Distinct_names_that_differ_only_in_case_are_allowed()
    {
        var run = await new ElicitationHarness(new ElicitationHarnessOptions { BootstrapResamples = 0 }).RunAsync("g", Pairs(), [new FixedElicitor("x", ElicitationCost.Zero), new FixedElicitor("X", ElicitationCost.Zero)]);

        Assert.Equal(2, run.Verdicts.Count);
        Assert.Equal(6, run.Reports.Count);
    }

    [Fact]
    public async Task A_question_with_two_answer_sets_is_refused_by_argument_name_with_both_positions()
    {
        var pairs = Pairs();
        var copy = pairs[3].Set with { Candidates = [.. pairs[3].Set.Candidates] };
        pairs[3] = pairs[3] with { Set = copy };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new ElicitationHarness().RunAsync("g", pairs, [new LengthElicitor()]));

        Assert.Equal("pairs", ex.ParamName);
        Assert.StartsWith("Pairs 0 and 3 both belong to question 'a' but carry different answer sets; all pairs of one question must share one GradedAnswerSet instance.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Right_over_wrong_pairs_are_counted_in_the_message()
    {
        var pairs = Pairs();
        pairs[1] = pairs[1] with { Kind = PairKind.RightOverWrong };
        pairs[2] = pairs[2] with { Kind = PairKind.RightOverWrong };
        pairs[3] = pairs[3] with { Kind = PairKind.RightOverWrong };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new ElicitationHarness().RunAsync("g", pairs, [new LengthElicitor()]));

        Assert.Equal("pairs", ex.ParamName);
        Assert.StartsWith("3 of 4 pairs are RightOverWrong (first at position 1, question 'b'); Acc_WoW is measured on wrong-over-wrong pairs only, so leave the others out.", ex.Message, StringComparison.Ordinal);

        var verdicts = pairs.Select(p => new PairVerdict(p, "m", PairPrediction.First, 1, 0)).ToList();
        var summarized = Assert.Throws<ArgumentException>(() => new ElicitationHarness().Summarize("g", "m", verdicts, ElicitationCost.Zero));
        Assert.Equal("verdicts", summarized.ParamName);
        Assert.StartsWith("3 of 4 pairs are RightOverWrong (first at position 1,", summarized.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_elicitor_that_returns_too_few_predictions_fails_the_run()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ElicitationHarness(new ElicitationHarnessOptions { MaxParallelQuestions = 1 }).RunAsync("g", Pairs(), [new FixedElicitor("short", ElicitationCost.Zero, dropOne: true)]));

        Assert.Equal("Elicitor 'short' returned 2 predictions for 3 pairs of question 'a'.", ex.Message);
    }

    [Fact]
    public async Task Progress_and_reports_carry_the_running_cost_totals()
    {
        var perQuestion = new ElicitationCost(3, 100, 10, 1);
        var progress = new List<ElicitationProgress>();

        var run = await new ElicitationHarness(new ElicitationHarnessOptions { MaxParallelQuestions = 1, BootstrapResamples = 0 })
            .RunAsync("g", Pairs(), [new FixedElicitor("fixed", perQuestion)], new SynchronousProgress<ElicitationProgress>(progress.Add));

        Assert.Equal(
            [new ElicitationProgress("fixed", 1, 2, 3, 100, 10), new ElicitationProgress("fixed", 2, 2, 6, 200, 20)],
            progress);
        Assert.All(run.Reports, r => Assert.Equal((6L, 200L, 20L, 2L), (r.Calls, r.InputTokens, r.OutputTokens, r.UnparsableReplies)));
        Assert.All(run.Reports, r => Assert.True(double.IsNaN(r.CiLower) && double.IsNaN(r.CiUpper))); // no resamples, no interval
        Assert.Equal(4, run.Reports[0].KeptPairs);
        Assert.Equal(1.5, run.Reports[0].CallsPerKeptPair);
        Assert.Equal(50.0, run.Reports[0].InputTokensPerKeptPair);
        Assert.Equal(5.0, run.Reports[0].OutputTokensPerKeptPair);
    }

    [Fact]
    public async Task Not_applicable_rows_carry_the_cost_confidence_and_no_numbers()
    {
        var run = await new ElicitationHarness(new ElicitationHarnessOptions { Confidence = 0.9 })
            .RunAsync("gen", Pairs(), [new FixedElicitor("pairwise", new ElicitationCost(4, 40, 8, 1), scored: false)]);

        Assert.Equal([true, false, false], run.Reports.Select(r => r.Applicable));
        foreach (var row in run.Reports.Skip(1))
        {
            Assert.Equal(("gen", "pairwise"), (row.Generator, row.Elicitor));
            Assert.Equal("pairwise verdicts have no score gap to rank pairs by", row.NotApplicableReason);
            Assert.Equal((4, 0, 0, 0, 0), (row.Pairs, row.Abstentions, row.KeptPairs, row.Ties, row.Correct));
            Assert.True(double.IsNaN(row.AccWow));
            Assert.True(double.IsNaN(row.CiLower));
            Assert.True(double.IsNaN(row.CiUpper));
            Assert.True(double.IsNaN(row.AccWowExcludingTies));
            Assert.Equal(0.9, row.Confidence);
            Assert.Equal((8L, 80L, 16L, 2L), (row.Calls, row.InputTokens, row.OutputTokens, row.UnparsableReplies));
            Assert.True(double.IsNaN(row.CallsPerKeptPair));
            Assert.True(double.IsNaN(row.InputTokensPerKeptPair));
            Assert.True(double.IsNaN(row.OutputTokensPerKeptPair));
        }

        // M_100 is applicable: every pair kept, all predicted First, gold First in three of four.
        Assert.Equal((4, 3, 0.75), (run.Reports[0].KeptPairs, run.Reports[0].Correct, run.Reports[0].AccWow));
    }

    [Fact]
    public void Pairwise_abstentions_alone_leave_every_margin_applicable()
    {
        var verdicts = Pairs().Select(p => new PairVerdict(p, "m", PairPrediction.Abstained)).ToList();

        var reports = new ElicitationHarness().Summarize("g", "m", verdicts, ElicitationCost.Zero);

        Assert.Equal(3, reports.Count); // one per margin of the paper
        Assert.All(reports, r => Assert.True(r.Applicable));
        Assert.All(reports, r => Assert.Equal((4, 4, 0), (r.Pairs, r.Abstentions, r.KeptPairs)));
        Assert.All(reports, r => Assert.True(double.IsNaN(r.AccWow) && double.IsNaN(r.CiLower) && double.IsNaN(r.AccWowExcludingTies)));
    }

    [Fact]
    public void Summarize_refuses_missing_arguments_by_name_and_reports_no_verdicts_as_undefined()
    {
        var harness = new ElicitationHarness();
        Assert.Equal("verdicts", Assert.Throws<ArgumentNullException>(() => harness.Summarize("g", "m", null!, ElicitationCost.Zero)).ParamName);
        Assert.Equal("cost", Assert.Throws<ArgumentNullException>(() => harness.Summarize("g", "m", [], null!)).ParamName);

        var reports = harness.Summarize("g", "m", [], new ElicitationCost(1, 2, 3, 4));

        Assert.Equal(3, reports.Count);
        foreach (var r in reports)
        {
            Assert.True(r.Applicable);
            Assert.Equal((0, 0, 0, 0, 0), (r.Pairs, r.Abstentions, r.KeptPairs, r.Ties, r.Correct));
            Assert.True(double.IsNaN(r.AccWow));
            Assert.True(double.IsNaN(r.CiLower));
            Assert.True(double.IsNaN(r.CiUpper));
            Assert.True(double.IsNaN(r.AccWowExcludingTies));
            Assert.Equal((1L, 2L, 3L, 4L), (r.Calls, r.InputTokens, r.OutputTokens, r.UnparsableReplies));
        }
    }

    [Fact]
    public void Only_ties_kept_give_zero_accuracy_and_an_undefined_accuracy_without_ties()
    {
        var verdicts = Pairs().Select(p => new PairVerdict(p, "m", PairPrediction.Tie, 1, 1)).ToList();

        var m100 = new ElicitationHarness().Summarize("g", "m", verdicts, ElicitationCost.Zero)[0];

        Assert.Equal((4, 4, 0, 0.0), (m100.KeptPairs, m100.Ties, m100.Correct, m100.AccWow));
        Assert.True(double.IsNaN(m100.AccWowExcludingTies));
        Assert.Equal((0.0, 0.0), (m100.CiLower, m100.CiUpper));
    }

    [Fact]
    public void Accuracy_without_ties_divides_by_the_kept_pairs_that_are_not_ties()
    {
        var pairs = Pairs();
        List<PairVerdict> verdicts =
        [
            new(pairs[0], "m", PairPrediction.First, 2, 1),   // right
            new(pairs[1], "m", PairPrediction.Tie, 1, 1),     // tie
            new(pairs[2], "m", PairPrediction.Second, 1, 2),  // wrong
            new(pairs[3], "m", PairPrediction.Abstained),
        ];

        var m100 = new ElicitationHarness().Summarize("g", "m", verdicts, ElicitationCost.Zero)[0];

        Assert.Equal((3, 1, 1, 1), (m100.KeptPairs, m100.Ties, m100.Correct, m100.Abstentions));
        Assert.Equal(1.0 / 3, m100.AccWow, 12);
        Assert.Equal(0.5, m100.AccWowExcludingTies, 12);
    }

    [Fact]
    public void FormatTable_aligns_text_left_and_numbers_right()
    {
        ElicitationReport Row(string elicitor, string margin, int kept, double acc, double lower, double upper, bool applicable = true) => new()
        {
            Generator = "g",
            Elicitor = elicitor,
            Margin = margin,
            Applicable = applicable,
            Pairs = 10,
            Abstentions = 2,
            KeptPairs = kept,
            Ties = 1,
            Correct = 3,
            AccWow = acc,
            CiLower = lower,
            CiUpper = upper,
            Confidence = 0.95,
            AccWowExcludingTies = double.NaN,
            Calls = 8,
            InputTokens = 1600,
            OutputTokens = 240,
            UnparsableReplies = 0,
        };

        var table = ElicitationReports.FormatTable(
        [
            Row("length", "M_100", 4, 0.75, 0.5, 1.0),
            Row("judge", "M_50", 0, double.NaN, double.NaN, double.NaN),
            Row("judge", "M_10", 0, double.NaN, double.NaN, double.NaN, applicable: false),
        ]);

        string[] expected =
        [
            "generator  elicitor  margin  Acc_WoW          95% CI  kept  ties  abstained  calls/kept  in tok/kept  out tok/kept",
            "---------  --------  ------  -------  --------------  ----  ----  ---------  ----------  -----------  ------------",
            "g          length    M_100     0.750  [0.500, 1.000]     4     1          2        2.00        400.0          60.0",
            "g          judge     M_50          -               -     0     1          2           -            -             -",
            "g          judge     M_10        n/a             n/a   n/a   n/a          2         n/a          n/a           n/a",
        ];
        Assert.Equal(string.Join('\n', expected) + "\n", table);
        Assert.Equal("reports", Assert.Throws<ArgumentNullException>(() => ElicitationReports.FormatTable(null!)).ParamName);
    }

    [Fact]
    public async Task Json_files_are_written_into_new_folders_and_bad_files_are_reported()
    {
        var run = await new ElicitationHarness(new ElicitationHarnessOptions { BootstrapResamples = 0 }).RunAsync("g", Pairs(), [new LengthElicitor()]);
        var path = Path.Combine(_directory, "nested", "deeper", "reports.json");

        await ElicitationReports.SaveJsonAsync(path, run.Reports);
        await ElicitationReports.SaveJsonAsync(path, run.Reports.Take(1)); // overwrites

        var back = await ElicitationReports.LoadJsonAsync(path);
        Assert.Equal([run.Reports[0]], back);
        Assert.Contains("\"ciLower\": \"NaN\"", await File.ReadAllTextAsync(path));
        Assert.Contains("\"ciLower\": \"NaN\"", run.Reports[0].ToJson());

        var nullFile = Path.Combine(_directory, "null.json");
        await File.WriteAllTextAsync(nullFile, "null");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ElicitationReports.LoadJsonAsync(nullFile));
        Assert.Equal($"{nullFile}: expected a JSON array of elicitation reports, found null.", ex.Message);

        var badFile = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(badFile, "{\"generator\": 1}");
        var bad = await Assert.ThrowsAsync<InvalidDataException>(() => ElicitationReports.LoadJsonAsync(badFile));
        Assert.StartsWith($"{badFile}: not a JSON array of elicitation reports: ", bad.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(bad.InnerException);

        Assert.Equal("path", (await Assert.ThrowsAsync<ArgumentException>(() => ElicitationReports.SaveJsonAsync(" ", run.Reports))).ParamName);
        Assert.Equal("reports", (await Assert.ThrowsAsync<ArgumentNullException>(() => ElicitationReports.SaveJsonAsync(path, null!))).ParamName);
        Assert.Equal("path", (await Assert.ThrowsAsync<ArgumentException>(() => ElicitationReports.LoadJsonAsync(" "))).ParamName);
    }

    [Fact]
    public void MarginFilter_refuses_missing_arguments_by_name()
    {
        Assert.Equal("verdicts", Assert.Throws<ArgumentNullException>(() => MarginFilter.Apply(null!, Margin.M100)).ParamName);
        Assert.Equal("margin", Assert.Throws<ArgumentNullException>(() => MarginFilter.Apply([], null!)).ParamName);
    }

    [Fact]
    public void Equal_gaps_at_the_cut_are_broken_by_the_second_sample_index()
    {
        // One question, three pairs with equal gaps sharing the first sample: M_50 keeps ceil(1.5) = 2,
        // the two with the smaller second index, whatever the input order.
        var set = new AnswerSet(TestData.NumericQuestion("q"), Enumerable.Range(0, 4).Select(i => TestData.Candidate("q", i, "r" + i, "1")).ToList());
        var verdicts = new[] { 3, 1, 2 }.Select(s => new PairVerdict(TestData.Pair(set, 0, s, true), "m", PairPrediction.First, 2, 1)).ToList();

        var kept = MarginFilter.Apply(verdicts, Margin.M50)!;

        Assert.Equal([1, 2], kept.Select(v => v.Pair.Second.Index));
    }
    [Fact]
    public void Equal_gaps_at_the_cut_are_broken_by_the_first_sample_index()
    {
        // Equal gaps, different first samples: M_50 keeps ceil(1.5) = 2, the two with the smaller first index.
        var set = new AnswerSet(TestData.NumericQuestion("q"), Enumerable.Range(0, 4).Select(i => TestData.Candidate("q", i, "r" + i, "1")).ToList());
        var verdicts = new[] { (2, 3), (0, 3), (1, 2) }.Select(p => new PairVerdict(TestData.Pair(set, p.Item1, p.Item2, true), "m", PairPrediction.First, 2, 1)).ToList();

        var kept = MarginFilter.Apply(verdicts, Margin.M50)!;

        Assert.Equal([(0, 3), (1, 2)], kept.Select(v => (v.Pair.First.Index, v.Pair.Second.Index)).Order());
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_run()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ElicitationHarness().RunAsync("g", Pairs(), [new LengthElicitor()], cancellationToken: cts.Token));
    }

    [Fact]
    public void The_interval_uses_the_configured_resamples_level_and_seed()
    {
        // Six questions of one pair each, three right and three wrong.
        var verdicts = Enumerable.Range(0, 6).Select(q =>
        {
            var id = "q" + q;
            var set = new AnswerSet(TestData.NumericQuestion(id), [TestData.Candidate(id, 0, "x", "1"), TestData.Candidate(id, 1, "y", "2")]);
            return new PairVerdict(TestData.Pair(set, 0, 1, q < 3), "m", PairPrediction.First, 2, 1);
        }).ToList();
        var byQuestion = verdicts.Select(v => (IReadOnlyList<ScoredPair>)[v.ToScoredPair()]).ToList();
        var accOptions = new AccWoWOptions { Margin = Margin.M100 };
        var configured = Bootstrap.AccWoW(byQuestion, accOptions, new BootstrapOptions { Resamples = 9, Level = 0.5, Seed = 3 });
        var defaults = Bootstrap.AccWoW(byQuestion, accOptions, new BootstrapOptions());
        Assert.NotEqual((configured.Lower, configured.Upper), (defaults.Lower, defaults.Upper)); // the check below can tell them apart

        var report = new ElicitationHarness(new ElicitationHarnessOptions { BootstrapResamples = 9, Confidence = 0.5, Seed = 3, Margins = [Margin.M100] })
            .Summarize("g", "m", verdicts, ElicitationCost.Zero)[0];

        Assert.Equal(0.5, report.AccWow);
        Assert.Equal((configured.Lower, configured.Upper), (report.CiLower, report.CiUpper));
    }
}
