using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Metrics.Tests;

public class ScoredPairTests
{
    [Fact]
    public void ScoresGiveGapAndPrediction()
    {
        var pair = ScoredPair.FromScores(3, 1, PairWinner.Second);

        Assert.Equal(2.0, pair.Gap);
        Assert.Equal(PairPrediction.First, pair.Predicted);
        Assert.False(pair.IsCorrect);
        Assert.True(ScoredPair.FromScores(1, 4, PairWinner.Second).IsCorrect);
    }

    [Fact]
    public void EqualScoresAreATieWithGapZero()
    {
        var pair = ScoredPair.FromScores(2, 2, PairWinner.First);

        Assert.Equal(PairPrediction.Tie, pair.Predicted);
        Assert.Equal(0.0, pair.Gap);
        Assert.False(pair.IsCorrect);
    }

    [Fact]
    public void AMissingScoreIsAnAbstention()
    {
        var pair = ScoredPair.FromScores(null, 2, PairWinner.First);

        Assert.Equal(PairPrediction.Abstained, pair.Predicted);
        Assert.Null(pair.Gap);
        Assert.False(pair.IsCorrect);
    }

    [Fact]
    public void NaNScoresAreRejected()
    {
        Assert.Equal("firstScore", Assert.Throws<ArgumentException>(() => ScoredPair.FromScores(double.NaN, 1, PairWinner.First)).ParamName);
        Assert.Equal("secondScore", Assert.Throws<ArgumentException>(() => ScoredPair.FromScores(1, double.NaN, PairWinner.First)).ParamName);
    }

    [Fact]
    public void OneInfiniteScoreGivesAnInfiniteGapAndTwoEqualInfinitiesATie()
    {
        var certain = ScoredPair.FromScores(-0.3, double.NegativeInfinity, PairWinner.First);
        Assert.Equal((PairPrediction.First, double.PositiveInfinity), (certain.Predicted, certain.Gap!.Value));

        var tie = ScoredPair.FromScores(double.NegativeInfinity, double.NegativeInfinity, PairWinner.First);
        Assert.Equal((PairPrediction.Tie, 0.0), (tie.Predicted, tie.Gap!.Value));
        Assert.Equal(0.0, ScoredPair.GapBetween(double.PositiveInfinity, double.PositiveInfinity));
    }
}
