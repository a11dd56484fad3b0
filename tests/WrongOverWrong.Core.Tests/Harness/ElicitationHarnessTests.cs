using Microsoft.Extensions.AI;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Metrics.Statistics;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Harness;

public sealed class ElicitationHarnessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wow-harness-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // Two questions; the oracle prefers the longer response in 3 of the 4 pairs.
    private static List<CandidatePair> Pairs()
    {
        var a = new AnswerSet(TestData.NumericQuestion("a"),
        [
            TestData.Candidate("a", 0, "GOOD long answer", "1", tokens: 30),
            TestData.Candidate("a", 1, "short", "2", tokens: 10),
            TestData.Candidate("a", 2, "mid", "3", tokens: 20),
        ]);
        var b = new AnswerSet(TestData.NumericQuestion("b"),
        [
            TestData.Candidate("b", 0, "tiny", "5", tokens: 5),
            TestData.Candidate("b", 1, "GOOD but verbose", "6", tokens: 50),
        ]);
        return
        [
            TestData.Pair(a, 0, 1, true),   // length: First (gap 20), right
            TestData.Pair(b, 0, 1, true),   // length: Second (gap 45), wrong
            TestData.Pair(a, 0, 2, true),   // length: First (gap 10), right
            TestData.Pair(a, 1, 2, false),  // length: Second (gap 10), right
        ];
    }

    [Fact]
    public async Task Reports_every_elicitor_and_applicable_margin_with_hand_computed_numbers()
    {
        var judge = ScriptedChatClient.FromText(
            call =>
            {
                var responses = FencedPrompt.Responses(call.LastUserText);
                return responses[0].Contains("GOOD", StringComparison.Ordinal) ? "Preferred output: 1"
                    : responses[1].Contains("GOOD", StringComparison.Ordinal) ? "Preferred output: 2"
                    : "no idea";
            },
            usage: new UsageDetails { InputTokenCount = 200, OutputTokenCount = 30 });
        var harness = new ElicitationHarness(new ElicitationHarnessOptions { BootstrapResamples = 500 });
        var progress = new List<ElicitationProgress>();

        var run = await harness.RunAsync("gen", Pairs(), [new LengthElicitor(), new PairwiseJudgeElicitor(judge)], new SynchronousProgress<ElicitationProgress>(progress.Add));

        Assert.Equal(["length/M_100", "length/M_50", "length/M_10", "pairwise-judge/M_100", "pairwise-judge/M_50", "pairwise-judge/M_10"], run.Reports.Select(r => r.Elicitor + "/" + r.Margin));
        Assert.Equal([true, true, true, true, false, false], run.Reports.Select(r => r.Applicable));

        var m100 = run.Reports[0];
        Assert.Equal((4, 0, 4, 0, 3, 0.75), (m100.Pairs, m100.Abstentions, m100.KeptPairs, m100.Ties, m100.Correct, m100.AccWow));
        Assert.Equal("gen", m100.Generator);
        Assert.Equal(0.75, m100.AccWowExcludingTies); // no ties here

        // Bootstrap over the two questions: a resample is {a,a} (3/3 right), {b,b} (0/2) or {a,b} (3/4),
        // so every resampled Acc_WoW is 0, 0.75 or 1 and the 95% interval spans [0, 1].
        Assert.Equal((0.0, 1.0), (m100.CiLower, m100.CiUpper));
        Assert.Equal(0, m100.Calls);

        // M_50 keeps gaps 45 and 20: one wrong, one right.
        Assert.Equal((2, 1, 0.5), (run.Reports[1].KeptPairs, run.Reports[1].Correct, run.Reports[1].AccWow));

        // M_10 keeps ceil(0.4) = 1 pair, gap 45, wrong.
        Assert.Equal((1, 0, 0.0), (run.Reports[2].KeptPairs, run.Reports[2].Correct, run.Reports[2].AccWow));

        // The judge picks the GOOD response in pairs 1-3 (kept; right in pairs 1 and 3, wrong in pair 2,
        // where the oracle prefers "tiny"); pair 4 has no GOOD: unparsable twice, abstained.
        var judged = run.Reports[3];
        Assert.Equal((4, 1, 3, 2), (judged.Pairs, judged.Abstentions, judged.KeptPairs, judged.Correct));
        Assert.Equal(2.0 / 3, judged.AccWow, 12);
        Assert.Equal((8L, 1600L, 240L, 2L), (judged.Calls, judged.InputTokens, judged.OutputTokens, judged.UnparsableReplies));
        Assert.Equal(8.0 / 3, judged.CallsPerKeptPair, 12);
        Assert.Equal(1600.0 / 3, judged.InputTokensPerKeptPair, 12);

        Assert.Equal(4, run.Verdicts["length"].Count);
        Assert.Equal(PairPrediction.Second, run.Verdicts["length"][1].Predicted);
        Assert.Equal(2, progress.Count(p => p.Elicitor == "pairwise-judge"));
        Assert.Contains(progress, p => p.Elicitor == "pairwise-judge" && p.QuestionsDone == 2 && p.QuestionsTotal == 2);
    }

    [Fact]
    public async Task Reports_print_as_a_table_and_round_trip_through_json()
    {
        var run = await new ElicitationHarness().RunAsync("gen", Pairs(), [new LengthElicitor()]);

        var table = ElicitationReports.FormatTable(run.Reports);
        var lines = table.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length); // header, rule, three margins
        Assert.StartsWith("generator", lines[0]);
        Assert.Contains("Acc_WoW", lines[0]);
        Assert.Contains("0.750", lines[2]);
        Assert.Contains("M_10", lines[4]);

        var path = Path.Combine(_directory, "reports.json");
        await ElicitationReports.SaveJsonAsync(path, run.Reports);
        var back = await ElicitationReports.LoadJsonAsync(path);
        Assert.Equal(run.Reports, back);
        Assert.Contains("\"accWow\": 0.75", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void Summarize_counts_ties_as_misses_and_reports_them_separately()
    {
        // Gaps 3 (right), 2 (right), 2 (wrong), 1 (right), 0 (tie), plus one abstention.
        var reports = new ElicitationHarness().Summarize("g", "m", MarginFilterTests.Verdicts(), ElicitationCost.Zero);

        var m100 = reports[0];
        Assert.Equal((6, 1, 5, 1, 3), (m100.Pairs, m100.Abstentions, m100.KeptPairs, m100.Ties, m100.Correct));
        Assert.Equal(0.6, m100.AccWow, 12);
        Assert.Equal(0.75, m100.AccWowExcludingTies, 12);

        // M_50 keeps ceil(2.5) = 3: gaps 3, 2, 2 -> 2 right of 3. M_10 keeps the gap-3 pair.
        Assert.Equal((3, 2), (reports[1].KeptPairs, reports[1].Correct));
        Assert.Equal((1, 1, 1.0), (reports[2].KeptPairs, reports[2].Correct, reports[2].AccWow));
    }

    [Fact]
    public async Task Margins_that_need_score_gaps_are_reported_as_not_applicable_for_pairwise_methods()
    {
        var judge = ScriptedChatClient.FromText(call => FencedPrompt.Responses(call.LastUserText)[0].Contains("GOOD", StringComparison.Ordinal) ? "Preferred output: 1" : "Preferred output: 2");
        var run = await new ElicitationHarness(new ElicitationHarnessOptions { BootstrapResamples = 0 }).RunAsync("gen", Pairs(), [new PairwiseJudgeElicitor(judge)]);

        Assert.Equal(["M_100", "M_50", "M_10"], run.Reports.Select(r => r.Margin));
        Assert.True(run.Reports[0].Applicable);
        Assert.Null(run.Reports[0].NotApplicableReason);
        Assert.Equal(3, run.Reports[0].KeptPairs); // pair 4 has no GOOD: the swap check fails, abstained
        foreach (var row in run.Reports.Skip(1))
        {
            Assert.False(row.Applicable);
            Assert.Contains("score gap", row.NotApplicableReason, StringComparison.Ordinal);
            Assert.Equal((4, 1, 0), (row.Pairs, row.Abstentions, row.KeptPairs));
            Assert.True(double.IsNaN(row.AccWow));
        }

        var lines = ElicitationReports.FormatTable(run.Reports).TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.DoesNotContain("n/a", lines[2]);
        Assert.Equal(7, lines[3].Split("n/a").Length - 1); // Acc_WoW, CI, kept, ties and the three per-kept costs
        Assert.Contains("M_10", lines[4]);
        Assert.Contains("n/a", lines[4]);

        var path = Path.Combine(_directory, "pairwise.json");
        await ElicitationReports.SaveJsonAsync(path, run.Reports);
        var json = await File.ReadAllTextAsync(path);
        Assert.Equal(2, json.Split("\"applicable\": false").Length - 1);
        Assert.Contains("\"notApplicableReason\": \"pairwise verdicts have no score gap", json);
        Assert.Equal(run.Reports, await ElicitationReports.LoadJsonAsync(path));
    }

    [Fact]
    public async Task Right_over_wrong_pairs_are_rejected_before_any_elicitation()
    {
        var pairs = Pairs();
        pairs[2] = pairs[2] with { Kind = PairKind.RightOverWrong };
        var judge = ScriptedChatClient.FromText(_ => "Preferred output: 1");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new ElicitationHarness().RunAsync("g", pairs, [new PairwiseJudgeElicitor(judge)]));

        Assert.Equal("pairs", ex.ParamName);
        Assert.Contains("position 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RightOverWrong", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, judge.CallCount);
        Assert.Throws<ArgumentException>(() => new ElicitationHarness().Summarize("g", "m", [new PairVerdict(pairs[2], "m", PairPrediction.First, 1, 0)], ElicitationCost.Zero));
    }

    [Fact]
    public async Task Pairs_of_one_question_from_two_answer_sets_are_rejected()
    {
        var pairs = Pairs();
        var copy = pairs[2].Set with { Candidates = [.. pairs[2].Set.Candidates] };
        pairs[2] = pairs[2] with { Set = copy };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new ElicitationHarness().RunAsync("g", pairs, [new LengthElicitor()]));

        Assert.Contains("question 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Pairs 0 and 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_elicitor_names_are_rejected()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new ElicitationHarness().RunAsync("g", Pairs(), [new LengthElicitor(), new LengthElicitor()]));
        Assert.Contains("'length'", ex.Message);
    }
}
