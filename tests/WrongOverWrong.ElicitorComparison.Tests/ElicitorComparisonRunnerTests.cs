using WrongOverWrong.ElicitorComparison.Comparison;
using WrongOverWrong.ElicitorComparison.Input;
using WrongOverWrong.Elicitation;

namespace WrongOverWrong.ElicitorComparison.Tests;

public sealed class ElicitorComparisonRunnerTests
{
    private static readonly ComparisonDataset Tiny = new("tiny", "memory", TinyAnswerSets.Graded());

    private static Task<DatasetComparison> CompareAsync(params IPreferenceElicitor[] elicitors) =>
        new ElicitorComparisonRunner(new ElicitorComparisonOptions { BootstrapResamples = 200 }).CompareAsync(Tiny, elicitors);

    [Fact]
    public async Task An_elicitor_that_orders_like_the_oracle_scores_one_everywhere_and_agrees_with_itself()
    {
        var result = await CompareAsync(new GoldDistanceElicitor("gold"));

        Assert.Equal(3, result.Questions);
        Assert.Equal(15, result.Candidates);
        Assert.Equal(TinyAnswerSets.WrongOverWrongPairs(), result.Pairs);
        var gold = Assert.Single(result.Elicitors);
        Assert.Equal(["M_100", "M_50", "M_10"], gold.Margins.Select(m => m.Margin));
        Assert.All(gold.Margins, m =>
        {
            Assert.Equal(1.0, m.AccWow);
            Assert.Equal(1.0, m.CiLower);
            Assert.Equal(1.0, m.CiUpper);
            Assert.Equal(0, m.Ties);
            Assert.Equal(0, m.Abstentions);
        });

        // The oracle's cor gap is |d1 - d2| / 100 and the elicitor's gap is |d1 - d2|: same ranks.
        Assert.Equal(1.0, gold.GapCorrelation.Coefficient, 12);
        Assert.Equal(result.Pairs, gold.GapCorrelation.Count);
        var self = Assert.Single(result.Agreement);
        Assert.Equal(1.0, self.Rate);
        Assert.Equal(result.Pairs, self.BothDecided);
    }

    [Fact]
    public async Task Counts_add_up_and_a_reversed_elicitor_disagrees_on_every_pair()
    {
        var result = await CompareAsync(new GoldDistanceElicitor("gold"), new GoldDistanceElicitor("reversed", reversed: true));
        var n = result.Pairs;
        Assert.Equal(29, n);

        var reversed = result.Elicitors.Single(e => e.Elicitor == "reversed");
        Assert.Equal(["M_100", "M_50", "M_10"], reversed.Margins.Select(m => m.Margin));
        Assert.All(reversed.Margins, m => Assert.Equal(0.0, m.AccWow));
        // The gap is unsigned: the reversed method is as confident where the oracle gap is large.
        Assert.Equal(1.0, reversed.GapCorrelation.Coefficient, 12);
        var m100 = reversed.Margins[0];
        var m50 = reversed.Margins[1];
        var m10 = reversed.Margins[2];
        Assert.Equal(n, m100.Kept + m100.Abstentions);
        Assert.Equal(15, m50.Kept);   // ceil(0.5 x 29)
        Assert.Equal(3, m10.Kept);    // ceil(0.1 x 29)
        Assert.Equal(15.0 / 29, m50.ShareKept, 12);
        Assert.Equal(1.0, m100.ShareKept);

        // The test elicitor spends one call and 12 tokens per pair over the whole dataset.
        Assert.Equal(n, reversed.Calls);
        Assert.Equal(12L * n, reversed.Tokens);
        Assert.Equal((double)n / 15, m50.CallsPerKeptPair, 12);
        Assert.Equal(12.0 * n / 3, m10.TokensPerKeptPair, 12);

        Assert.Equal(4, result.Agreement.Count);
        var across = result.Agreement.Single(a => a.First == "gold" && a.Second == "reversed");
        Assert.Equal(n, across.BothDecided);
        Assert.Equal(0, across.Same);
        Assert.Equal(0.0, across.Rate);
    }

    [Fact]
    public async Task The_offline_elicitors_run_over_the_same_pairs_with_consistent_counts()
    {
        var result = await CompareAsync(new LengthElicitor(), new ConsistencyElicitor(), new LogProbabilityElicitor(), new GoldDistanceElicitor("gold"));

        Assert.Equal(4, result.Elicitors.Count);
        Assert.Equal(16, result.Agreement.Count);
        foreach (var outcome in result.Elicitors)
        {
            Assert.Equal(3, outcome.Margins.Count);
            Assert.All(outcome.Margins, m => Assert.Equal(result.Pairs, m.Pairs));
            Assert.Equal(result.Pairs, outcome.Margins[0].Kept + outcome.Margins[0].Abstentions);
            Assert.All(outcome.Margins, m => Assert.InRange(m.Ties, 0, m.Kept));
            Assert.True(outcome.WallSeconds >= 0);
        }

        // Longer responses (higher index) were given lower log-probabilities, so the two order every
        // pair oppositely; every answer is distinct, so consistency ties on every pair.
        var lengthVsLogprob = result.Agreement.Single(a => a.First == "length" && a.Second == "logprob");
        Assert.Equal(result.Pairs, lengthVsLogprob.BothDecided);
        Assert.Equal(0.0, lengthVsLogprob.Rate);
        var consistency = result.Elicitors.Single(e => e.Elicitor == "consistency").Margins[0];
        Assert.Equal(consistency.Kept, consistency.Ties);
        Assert.Equal(0.0, consistency.AccWow);
        Assert.Equal(0, result.Agreement.Single(a => a.First == "consistency" && a.Second == "gold").BothDecided);
    }
}
