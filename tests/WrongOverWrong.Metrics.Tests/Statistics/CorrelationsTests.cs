using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Metrics.Tests;

public class CorrelationsTests
{
    [Fact]
    public void PearsonMatchesAHandComputedExample()
    {
        // r = 6 / √60; t = r·√(3 / 0.4) = 2.1213 on 3 df; the two-sided p comes from the closed-form
        // t CDF for 3 df (and equals scipy.stats.pearsonr's 0.12403).
        var result = Correlations.Pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);

        double t = 6 / Math.Sqrt(60) * Math.Sqrt(3 / 0.4);
        double x = t / Math.Sqrt(3);
        double cdf = 0.5 + (((x / (1 + (x * x))) + Math.Atan(x)) / Math.PI);
        Assert.Equal(6 / Math.Sqrt(60), result.Coefficient, 12);
        Assert.Equal(2 * (1 - cdf), result.PValue, 8);
        Assert.Equal(0.12403, result.PValue, 4);
        Assert.Equal(5, result.Count);
    }

    [Fact]
    public void SpearmanOfAMonotoneCurveIsOneWithATinyPValue()
    {
        var x = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        var y = x.Select(v => v * v * v).ToArray();

        var spearman = Correlations.Spearman(x, y);
        var pearson = Correlations.Pearson(x, y);

        Assert.Equal(1.0, spearman.Coefficient, 12);
        Assert.True(spearman.PValue < 1e-10);
        Assert.InRange(pearson.Coefficient, 0.9, 0.99);
        Assert.True(pearson.PValue < 1e-6);
    }

    [Fact]
    public void SpearmanUsesAverageRanksForTies()
    {
        // y ranks [1.5, 1.5, 3.5, 3.5, 5] against [1..5]: 9 / √(10 · 9).
        var result = Correlations.Spearman([1, 2, 3, 4, 5], [1, 1, 2, 2, 3]);

        Assert.Equal(9 / Math.Sqrt(90), result.Coefficient, 12);
    }

    [Fact]
    public void AnticorrelationIsNegativeWithTheSamePValue()
    {
        var up = Correlations.Pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
        var down = Correlations.Pearson([1, 2, 3, 4, 5], [-2, -4, -5, -4, -5]);

        Assert.Equal(-up.Coefficient, down.Coefficient, 12);
        Assert.Equal(up.PValue, down.PValue, 12);
    }

    [Fact]
    public void UncorrelatedNoiseHasALargePValue()
    {
        var random = new Random(4);
        var x = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();

        var result = Correlations.Pearson(x, y);

        Assert.InRange(result.Coefficient, -0.2, 0.2);
        Assert.True(result.PValue > 0.01);
    }

    [Fact]
    public void ConstantInputHasNoCorrelation()
    {
        var pearson = Correlations.Pearson([1, 2, 3, 4], [2, 2, 2, 2]);
        var spearman = Correlations.Spearman([1, 2, 3, 4], [2, 2, 2, 2]);

        Assert.True(double.IsNaN(pearson.Coefficient));
        Assert.True(double.IsNaN(pearson.PValue));
        Assert.True(double.IsNaN(spearman.Coefficient));
        Assert.True(double.IsNaN(spearman.PValue));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Correlations.Pearson([1, 2], [1, 2])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Correlations.Pearson([1, 2, 3], [1, 2])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Correlations.Spearman([1, double.NaN, 3], [1, 2, 3])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Correlations.Spearman([1, 2, 3], [1, 2, double.PositiveInfinity])).ParamName);
    }
}
