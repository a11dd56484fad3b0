using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Metrics.Tests;

// Argument checks of Acc_WoW, its margins and pairs: each names the bad argument and its value
// (Stryker survivors of the first Metrics run, issue 16).
public class AccWoWArgumentTests
{
    private static readonly ScoredPair[] OnePair = [new(1.0, PairPrediction.First, PairWinner.First)];

    [Fact]
    public void A_null_margin_is_refused_by_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => AccWoW.Compute(OnePair, new AccWoWOptions { Margin = null! }));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("Margin must not be null.", ex.Message);
    }

    [Fact]
    public void An_undefined_tie_policy_is_refused_with_its_value()
    {
        var ex = Assert.Throws<ArgumentException>(() => AccWoW.Compute(OnePair, new AccWoWOptions { TiePolicy = (TiePolicy)9 }));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("Unknown tie policy 9.", ex.Message);
    }

    [Fact]
    public void Undefined_prediction_and_gold_values_are_refused_with_the_pair_index()
    {
        ScoredPair[] badPrediction = [OnePair[0], new(1.0, (PairPrediction)9, PairWinner.First)];
        ScoredPair[] badGold = [OnePair[0], new(1.0, PairPrediction.First, (PairWinner)7)];

        var prediction = Assert.Throws<ArgumentException>(() => AccWoW.Compute(badPrediction));
        var gold = Assert.Throws<ArgumentException>(() => AccWoW.Compute(badGold));

        Assert.Contains("pairs[1].Predicted has the undefined value 9.", prediction.Message);
        Assert.Contains("pairs[1].Gold has the undefined value 7.", gold.Message);
        Assert.Equal("pairs", prediction.ParamName);
        Assert.Equal("pairs", gold.ParamName);
    }

    [Fact]
    public void KeptPairs_refuses_a_null_margin_with_ArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => AccWoW.KeptPairs(OnePair, null!));

        Assert.Equal("margin", ex.ParamName);
    }

    [Fact]
    public void KeepCount_names_a_negative_count_and_a_bad_fraction()
    {
        var count = Assert.Throws<ArgumentException>(() => AccWoW.KeepCount(-3, 0.5));
        var fraction = Assert.Throws<ArgumentException>(() => AccWoW.KeepCount(5, 0.0));

        Assert.Equal("count", count.ParamName);
        Assert.Contains("Count must not be negative, got -3.", count.Message);
        Assert.Equal("keptFraction", fraction.ParamName);
        Assert.Contains("The kept fraction must lie in (0, 1], got 0.", fraction.Message);
    }

    [Fact]
    public void Accuracy_is_NaN_when_nothing_scorable_is_kept()
    {
        ScoredPair[] onlyTies = [new(0.0, PairPrediction.Tie, PairWinner.First), new(0.0, PairPrediction.Tie, PairWinner.Second)];
        ScoredPair[] onlyAbstentions = [ScoredPair.FromScores(null, 1.0, PairWinner.First)];

        var excluded = AccWoW.Compute(onlyTies, new AccWoWOptions { TiePolicy = TiePolicy.Exclude });
        var abstained = AccWoW.Compute(onlyAbstentions);

        Assert.True(double.IsNaN(excluded.Accuracy));
        Assert.Equal(0, excluded.Denominator);
        Assert.Equal(2, excluded.Ties);
        Assert.True(double.IsNaN(abstained.Accuracy));
        Assert.Equal(0, abstained.Kept);
        Assert.Equal(1, abstained.Abstentions);
    }
}

public class MarginTests
{
    [Fact]
    public void The_paper_margins_are_named_M_100_M_50_and_M_10()
    {
        Assert.Equal("M_100", Margin.M100.Name);
        Assert.Equal("M_50", Margin.M50.Name);
        Assert.Equal("M_10", Margin.M10.Name);
        Assert.Equal("M_50", Margin.M50.ToString());
    }

    [Fact]
    public void A_margin_is_named_by_its_percentage_unless_a_name_is_given()
    {
        Assert.Equal("M_40", new Margin(0.4).Name);
        Assert.Equal("M_2.5", new Margin(0.025).Name);
        Assert.Equal("top half", new Margin(0.5, "top half").Name);
    }

    [Fact]
    public void A_kept_fraction_outside_0_to_1_is_refused_with_its_value()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Margin(2.0));

        Assert.Equal("keptFraction", ex.ParamName);
        Assert.Contains("A margin's kept fraction must lie in (0, 1], got 2.", ex.Message);
    }
}

public class ScoredPairArgumentTests
{
    [Fact]
    public void FromScores_says_which_score_is_NaN()
    {
        var first = Assert.Throws<ArgumentException>(() => ScoredPair.FromScores(double.NaN, 1, PairWinner.First));
        var second = Assert.Throws<ArgumentException>(() => ScoredPair.FromScores(1, double.NaN, PairWinner.First));

        Assert.Contains("The first score must be a number, got NaN.", first.Message);
        Assert.Contains("The second score must be a number, got NaN.", second.Message);
    }

    [Fact]
    public void GapBetween_refuses_a_NaN_on_either_side_and_names_it()
    {
        var first = Assert.Throws<ArgumentException>(() => ScoredPair.GapBetween(double.NaN, 1));
        var second = Assert.Throws<ArgumentException>(() => ScoredPair.GapBetween(1, double.NaN));

        Assert.Equal("firstScore", first.ParamName);
        Assert.Equal("secondScore", second.ParamName);
        Assert.Contains("Scores must be numbers, got NaN and 1.", first.Message);
        Assert.Contains("Scores must be numbers, got 1 and NaN.", second.Message);
    }
}
