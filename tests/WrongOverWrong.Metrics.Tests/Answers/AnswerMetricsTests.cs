using WrongOverWrong.Metrics.Answers;

namespace WrongOverWrong.Metrics.Tests;

public class AnswerMetricsTests
{
    // cor = [0, 0.3, 1, 0.6, 0]; the wrong answers are 0, 1, 3, 4.
    private static readonly double[] Proxies = [0.0, 0.3, 1.0, 0.6, 0.0];
    private static readonly bool[] Correct = [false, false, true, false, false];

    [Fact]
    public void HandComputedValues()
    {
        var summary = AnswerMetrics.Summarize(Proxies, Correct);

        Assert.Equal(0.9 / 4, summary.PWrong, 12);
        Assert.Equal(0.2, summary.Accuracy, 12);
        Assert.Equal(1.9 / 5, summary.MeanCor, 12);
        Assert.Equal(5, summary.Count);
        Assert.Equal(4, summary.WrongCount);

        Assert.Equal(summary.PWrong, AnswerMetrics.PWrong(Proxies, Correct));
        Assert.Equal(summary.Accuracy, AnswerMetrics.Accuracy(Correct));
        Assert.Equal(summary.MeanCor, AnswerMetrics.MeanCor(Proxies), 12);
    }

    [Theory]
    [InlineData(-3.0, 0.0)]
    [InlineData(0.25, 0.25)]
    [InlineData(7.0, 1.0)]
    [InlineData(double.NegativeInfinity, 0.0)]
    public void CorClipsToTheUnitInterval(double proxy, double expected) =>
        Assert.Equal(expected, AnswerMetrics.Cor(proxy));

    [Theory]
    [InlineData(-3.0)]
    [InlineData(1.5)]
    [InlineData(double.NegativeInfinity)]
    public void ValuesOutsideTheUnitIntervalAreRefusedNamingTheRightField(double trainingProxy)
    {
        var error = Assert.Throws<ArgumentException>(() => AnswerMetrics.Summarize([0.5, trainingProxy], [false, false]));
        Assert.Equal("proxies", error.ParamName);
        Assert.Contains("proxies[1]", error.Message);
        Assert.Contains("Grade.Cor", error.Message);
        Assert.Throws<ArgumentException>(() => AnswerMetrics.MeanCor([trainingProxy]));
    }

    [Fact]
    public void PWrongIsNaNWhenNoAnswerIsWrong()
    {
        Assert.True(double.IsNaN(AnswerMetrics.PWrong([0.9, 1.0], [true, true])));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("proxies", Assert.Throws<ArgumentException>(() => AnswerMetrics.Summarize([], [])).ParamName);
        Assert.Equal("correct", Assert.Throws<ArgumentException>(() => AnswerMetrics.Summarize([0.1, 0.2], [true])).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => AnswerMetrics.PWrong([0.1, double.NaN], [false, false]));
        Assert.Equal("proxies", nan.ParamName);
        Assert.Contains("proxies[1]", nan.Message);
        Assert.Equal("correct", Assert.Throws<ArgumentException>(() => AnswerMetrics.Accuracy([])).ParamName);
        Assert.Equal("proxies", Assert.Throws<ArgumentException>(() => AnswerMetrics.MeanCor([double.NaN])).ParamName);
        Assert.Equal("proxy", Assert.Throws<ArgumentException>(() => AnswerMetrics.Cor(double.NaN)).ParamName);
    }
}
