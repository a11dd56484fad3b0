using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Metrics.Tests;

public class ConfidenceIntervalTests
{
    private static readonly ConfidenceInterval Interval = new(0.5, 0.4, 0.6, 0.95, 1000, 0);

    [Theory]
    [InlineData(0.4, true)]
    [InlineData(0.5, true)]
    [InlineData(0.6, true)]
    [InlineData(0.39, false)]
    [InlineData(0.61, false)]
    [InlineData(double.NaN, false)]
    public void ContainsIsTrueOnlyBetweenTheEndsInclusive(double value, bool expected) =>
        Assert.Equal(expected, Interval.Contains(value));

    [Fact]
    public void WidthIsUpperMinusLower() => Assert.Equal(0.2, Interval.Width, 12);
}
