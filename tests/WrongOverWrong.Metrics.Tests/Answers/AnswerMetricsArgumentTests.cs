using WrongOverWrong.Metrics.Answers;
using WrongOverWrong.Metrics.Confidence;
using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Metrics.Tests;

// Argument checks and undefined results of the answer metrics, AUROC, calibration and correlations
// (Stryker survivors of the first Metrics run, issue 16).
public class AnswerMetricsArgumentTests
{
    [Fact]
    public void Cor_refuses_NaN_and_says_how_to_encode_unparsable_answers()
    {
        var ex = Assert.Throws<ArgumentException>(() => AnswerMetrics.Cor(double.NaN));

        Assert.Equal("proxy", ex.ParamName);
        Assert.Contains("The proxy is NaN; encode unparsable answers as 0.", ex.Message);
    }

    [Fact]
    public void MeanCor_of_no_answers_is_refused_not_NaN()
    {
        var ex = Assert.Throws<ArgumentException>(() => AnswerMetrics.MeanCor([]));

        Assert.Equal("proxies", ex.ParamName);
        Assert.Contains("The input is empty; the metric is undefined on no data.", ex.Message);
    }

    [Fact]
    public void PWrong_is_NaN_when_no_answer_is_wrong()
    {
        var summary = AnswerMetrics.Summarize([0.2, 1.0], [true, true]);

        Assert.True(double.IsNaN(summary.PWrong));
        Assert.True(double.IsNaN(AnswerMetrics.PWrong([0.7], [true])));
        Assert.Equal(1.0, summary.Accuracy);
        Assert.Equal(0.6, summary.MeanCor, 12);
    }

    [Fact]
    public void Mismatched_lengths_are_reported_with_both_counts()
    {
        var ex = Assert.Throws<ArgumentException>(() => AnswerMetrics.Summarize([0.1, 0.2], [true]));

        Assert.Equal("correct", ex.ParamName);
        Assert.Contains("correct has 1 items but proxies has 2; they must pair up one to one.", ex.Message);
    }

    [Fact]
    public void Auroc_is_NaN_when_one_class_is_absent()
    {
        Assert.True(double.IsNaN(Auroc.Compute([0.2, 0.9, 0.9], [true, true, true])));
        Assert.True(double.IsNaN(Auroc.Compute([0.2, 0.9, 0.4], [false, false, false])));
    }

    [Fact]
    public void Calibration_names_a_bad_bin_count_and_an_unknown_binning_rule()
    {
        var bins = Assert.Throws<ArgumentException>(() => Calibration.Compute([0.5], [true], new CalibrationOptions { Bins = 0 }));
        var rule = Assert.Throws<ArgumentException>(() => Calibration.Compute([0.5], [true], new CalibrationOptions { Binning = (CalibrationBinning)9 }));

        Assert.Equal("options", bins.ParamName);
        Assert.Contains("Bins must be at least 1, got 0.", bins.Message);
        Assert.Equal("options", rule.ParamName);
        Assert.Contains("Unknown binning rule 9.", rule.Message);
    }

    [Fact]
    public void Correlations_need_three_pairs_and_finite_values_and_say_so()
    {
        var few = Assert.Throws<ArgumentException>(() => Correlations.Pearson([1.0, 2.0], [1.0, 2.0]));
        var infinite = Assert.Throws<ArgumentException>(() => Correlations.Spearman([1.0, 2.0, 3.0], [1.0, double.PositiveInfinity, 3.0]));

        Assert.Equal("x", few.ParamName);
        Assert.Contains("A correlation test needs at least 3 pairs, got 2.", few.Message);
        Assert.Equal("y", infinite.ParamName);
        Assert.Contains("y[1] is ", infinite.Message);
        Assert.Contains("; a finite number is required.", infinite.Message);
    }
}
