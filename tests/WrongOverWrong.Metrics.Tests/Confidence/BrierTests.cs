using WrongOverWrong.Metrics.Confidence;

namespace WrongOverWrong.Metrics.Tests;

public class BrierTests
{
    [Fact]
    public void HandComputedValue()
    {
        // (1 - 1)² + (0 - 1)² + (0.5 - 0)² over 3.
        Assert.Equal(1.25 / 3, Brier.Score([1.0, 0.0, 0.5], [true, true, false]), 12);
    }

    [Fact]
    public void PerfectConfidenceScoresZero() =>
        Assert.Equal(0.0, Brier.Score([1.0, 0.0], [true, false]));

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("confidences", Assert.Throws<ArgumentException>(() => Brier.Score([], [])).ParamName);
        Assert.Equal("correct", Assert.Throws<ArgumentException>(() => Brier.Score([0.1], [])).ParamName);
        Assert.Equal("confidences", Assert.Throws<ArgumentException>(() => Brier.Score([1.5], [true])).ParamName);
    }
}
