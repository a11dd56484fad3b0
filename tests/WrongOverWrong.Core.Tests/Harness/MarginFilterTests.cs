using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Harness;

public class MarginFilterTests
{
    internal static List<PairVerdict> Verdicts()
    {
        // Six pairs pooled from two questions: gaps 3, 2, 2, 1, 0 (a tie) and one abstention.
        var a = new AnswerSet(TestData.NumericQuestion("a"), Enumerable.Range(0, 4).Select(i => TestData.Candidate("a", i, "r" + i, "1")).ToList());
        var b = new AnswerSet(TestData.NumericQuestion("b"), Enumerable.Range(0, 4).Select(i => TestData.Candidate("b", i, "r" + i, "1")).ToList());
        return
        [
            new PairVerdict(TestData.Pair(a, 0, 1, true), "m", PairPrediction.First, 4, 1),    // gap 3, correct
            new PairVerdict(TestData.Pair(a, 0, 2, false), "m", PairPrediction.Second, 1, 3),  // gap 2, correct
            new PairVerdict(TestData.Pair(b, 0, 1, true), "m", PairPrediction.Second, 2, 4),   // gap 2, wrong
            new PairVerdict(TestData.Pair(b, 1, 2, false), "m", PairPrediction.Second, 2, 3),  // gap 1, correct
            new PairVerdict(TestData.Pair(b, 2, 3, true), "m", PairPrediction.Tie, 2, 2),      // gap 0, a miss
            new PairVerdict(TestData.Pair(a, 2, 3, true), "m", PairPrediction.Abstained),
        ];
    }

    [Fact]
    public void Margins_keep_the_largest_gaps_pooled_across_questions_and_never_abstentions()
    {
        var verdicts = Verdicts();

        Assert.Equal(5, MarginFilter.Apply(verdicts, Margin.M100)!.Count);
        Assert.Equal([3.0, 2.0, 2.0], MarginFilter.Apply(verdicts, Margin.M50)!.Select(v => v.Gap!.Value)); // ceil(0.5 x 5) = 3
        Assert.Equal([3.0], MarginFilter.Apply(verdicts, Margin.M10)!.Select(v => v.Gap!.Value));           // ceil(0.1 x 5) = 1
        Assert.Equal(2, MarginFilter.Apply(verdicts, new Margin(0.4))!.Count);
    }

    [Fact]
    public void Equal_gaps_at_the_cut_keep_input_order_and_match_what_Metrics_scores()
    {
        var verdicts = Verdicts();
        var cut = new Margin(0.4); // ceil(0.4 x 5) = 2: gap 3 and the first of the two gap-2 pairs
        var kept = MarginFilter.Apply(verdicts, cut)!;
        Assert.Equal([verdicts[0], verdicts[1]], kept);

        foreach (var margin in new[] { Margin.M100, Margin.M50, cut, Margin.M10 })
        {
            var metrics = AccWoW.Compute(verdicts.Select(v => v.ToScoredPair()).ToArray(), new AccWoWOptions { Margin = margin });
            var filtered = MarginFilter.Apply(verdicts, margin)!;
            Assert.Equal(metrics.Kept, filtered.Count);
            Assert.Equal(metrics.Correct, filtered.Count(v => v.IsCorrect));
            Assert.Equal(metrics.Ties, filtered.Count(v => v.Predicted == PairPrediction.Tie));
        }
    }

    [Fact]
    public void Ties_at_the_cut_do_not_depend_on_the_order_answer_sets_arrived_in()
    {
        // Sources stream sets as they finish (a resumed run yields stored sets first), so the same
        // verdicts can come in any order; the cut and the reports must not change with it.
        var verdicts = Verdicts();
        var reversed = Enumerable.Reverse(verdicts).ToList();
        var cut = new Margin(0.4);

        Assert.Equal(MarginFilter.Apply(verdicts, cut)!.ToHashSet(), MarginFilter.Apply(reversed, cut)!.ToHashSet());
        Assert.Contains(verdicts[1], MarginFilter.Apply(reversed, cut)!); // question a's gap-2 pair, not b's

        var harness = new ElicitationHarness(new ElicitationHarnessOptions { Margins = [Margin.M100, cut] });
        var inOrder = harness.Summarize("g", "m", verdicts, ElicitationCost.Zero);
        var outOfOrder = harness.Summarize("g", "m", reversed, ElicitationCost.Zero);
        Assert.Equal(inOrder.Select(r => (r.KeptPairs, r.Correct, r.AccWow, r.CiLower, r.CiUpper)), outOfOrder.Select(r => (r.KeptPairs, r.Correct, r.AccWow, r.CiLower, r.CiUpper)));
        Assert.Equal(1.0, inOrder[1].AccWow);
    }

    [Fact]
    public void Verdicts_map_to_Metrics_pairs()
    {
        var verdicts = Verdicts();
        Assert.Equal(new ScoredPair(3, PairPrediction.First, PairWinner.First), verdicts[0].ToScoredPair());
        Assert.Equal(new ScoredPair(2, PairPrediction.Second, PairWinner.Second), verdicts[1].ToScoredPair());
        Assert.Equal(new ScoredPair(0, PairPrediction.Tie, PairWinner.First), verdicts[4].ToScoredPair());
        Assert.Equal(new ScoredPair(null, PairPrediction.Abstained, PairWinner.First), verdicts[5].ToScoredPair());
    }

    [Fact]
    public void Pairwise_verdicts_only_support_M_100()
    {
        var set = new AnswerSet(TestData.NumericQuestion("a"), [TestData.Candidate("a", 0, "x", "1"), TestData.Candidate("a", 1, "y", "2")]);
        List<PairVerdict> pairwise = [new(TestData.Pair(set, 0, 1, true), "pw", PairPrediction.First)];
        Assert.Single(MarginFilter.Apply(pairwise, Margin.M100)!);
        Assert.Null(MarginFilter.Apply(pairwise, Margin.M50));
        Assert.Throws<ArgumentException>(() => MarginFilter.Apply(pairwise, new Margin(0)));
    }

    [Fact]
    public async Task A_minus_infinity_log_probability_gives_an_infinite_gap_that_ranks_first_in_the_filter_and_the_reports()
    {
        // The bug: a -inf mean log-prob gave the log-prob elicitor a +inf gap that the filter kept
        // but Summarize threw on. An infinite gap now means "as sure as it can be" in both.
        var set = new AnswerSet(
            TestData.NumericQuestion("a"),
            [
                TestData.Candidate("a", 0, "x", "1", logProb: double.NegativeInfinity),
                TestData.Candidate("a", 1, "y", "2", logProb: -0.5),
                TestData.Candidate("a", 2, "z", "3", logProb: -0.2),
            ]);
        List<CandidatePair> pairs = [TestData.Pair(set, 0, 1, false), TestData.Pair(set, 0, 2, true), TestData.Pair(set, 1, 2, false)];
        var verdicts = await new LogProbabilityElicitor().ElicitVerdictsAsync(set, pairs);
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity, 0.3], verdicts.Select(v => Math.Round(v.Gap!.Value, 12)));

        var m10 = MarginFilter.Apply(verdicts, Margin.M10)!;
        Assert.Equal([verdicts[0]], m10); // ceil(0.1 x 3) = 1: the first infinite gap in canonical order

        var reports = new ElicitationHarness(new ElicitationHarnessOptions { BootstrapResamples = 10 }).Summarize("g", "logprob", verdicts, ElicitationCost.Zero);
        Assert.Equal([3, 2, 1], reports.Select(r => r.KeptPairs)); // M_100, M_50 (ceil 1.5), M_10
        Assert.Equal(1.0, reports[2].AccWow);                       // the kept pair: candidate 1 over candidate 0, as gold says
        Assert.Equal(2.0 / 3.0, reports[0].AccWow, 12);            // pair (0, 2) predicts 2 over 0 against gold
    }
}
