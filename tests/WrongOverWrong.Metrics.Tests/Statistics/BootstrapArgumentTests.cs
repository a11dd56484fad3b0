using WrongOverWrong.Metrics.Answers;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Metrics.Tests;

// Argument checks of the bootstrap (null arguments, bad options, bad answers) and resamples that
// leave nothing to measure (Stryker survivors of the first Metrics run, issue 16).
public class BootstrapArgumentTests
{
    private static readonly BootstrapOptions Few = new() { Resamples = 200, Seed = 7 };

    private static readonly ScoredPair Hit = new(1.0, PairPrediction.First, PairWinner.First);

    [Fact]
    public void Null_arguments_throw_ArgumentNullException_with_their_names()
    {
        Assert.Equal("groups", Assert.Throws<ArgumentNullException>(() => Bootstrap.ConfidenceInterval<int>(null!, _ => 0.0)).ParamName);
        Assert.Equal("statistic", Assert.Throws<ArgumentNullException>(() => Bootstrap.ConfidenceInterval([1, 2], null!)).ParamName);
        Assert.Equal("statistic", Assert.Throws<ArgumentNullException>(() => Bootstrap.Pooled<int>([[1], [2]], null!)).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentNullException>(() => Bootstrap.Pooled<int>(null!, items => items.Length)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => Bootstrap.Mean(null!)).ParamName);
        Assert.Equal("pairsByQuestion", Assert.Throws<ArgumentNullException>(() => Bootstrap.AccWoW(null!)).ParamName);
        Assert.Equal("answersByQuestion", Assert.Throws<ArgumentNullException>(() => Bootstrap.Ece(null!)).ParamName);
        Assert.Equal("answersByQuestion", Assert.Throws<ArgumentNullException>(() => Bootstrap.PWrong(null!)).ParamName);
    }

    [Fact]
    public void A_null_group_is_named_with_its_index()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bootstrap.Pooled<int>([[1], null!], items => items.Length));

        Assert.Equal("groups", ex.ParamName);
        Assert.Contains("groups[1] is null.", ex.Message);
    }

    [Fact]
    public void Mean_names_the_NaN_value()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0, double.NaN]));

        Assert.Equal("values", ex.ParamName);
        Assert.Contains("values[1] is NaN.", ex.Message);
    }

    [Fact]
    public void An_empty_question_list_is_reported_before_the_options()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bootstrap.AccWoW([], new AccWoWOptions { Margin = null! }));

        Assert.Equal("pairsByQuestion", ex.ParamName);
        Assert.Contains("The input is empty", ex.Message);
    }

    [Fact]
    public void One_resample_is_enough()
    {
        var ci = Bootstrap.Mean([1.0, 2.0, 3.0], new BootstrapOptions { Resamples = 1 });

        Assert.Equal(2.0, ci.Estimate, 12);
        Assert.Equal(1, ci.Resamples);
        Assert.Equal(0, ci.UndefinedResamples);
        Assert.Equal(ci.Lower, ci.Upper);
    }

    [Fact]
    public void Bad_options_are_refused_with_their_values()
    {
        var resamples = Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0], new BootstrapOptions { Resamples = 0 }));
        var level = Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0], new BootstrapOptions { Level = 0.0 }));
        var one = Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0], new BootstrapOptions { Level = 1.0 }));

        Assert.Equal("options", resamples.ParamName);
        Assert.Contains("Resamples must be at least 1, got 0.", resamples.Message);
        Assert.Equal("options", level.ParamName);
        Assert.Contains("Level must lie in (0, 1), got 0.", level.Message);
        Assert.Contains("Level must lie in (0, 1), got 1.", one.Message);
    }

    [Fact]
    public void A_statistic_that_is_never_defined_gives_a_NaN_interval()
    {
        var ci = Bootstrap.ConfidenceInterval([1, 2, 3], _ => double.NaN, Few);

        Assert.True(double.IsNaN(ci.Estimate));
        Assert.True(double.IsNaN(ci.Lower));
        Assert.True(double.IsNaN(ci.Upper));
        Assert.Equal(200, ci.UndefinedResamples);
    }

    [Fact]
    public void AccWoW_resamples_that_draw_only_empty_questions_are_undefined()
    {
        var ci = Bootstrap.AccWoW([[], [Hit]], options: Few);

        Assert.Equal(1.0, ci.Estimate);
        Assert.InRange(ci.UndefinedResamples, 1, 199);
        Assert.Equal(1.0, ci.Lower);
        Assert.Equal(1.0, ci.Upper);
    }

    [Fact]
    public void Ece_resamples_that_draw_only_empty_questions_are_undefined()
    {
        var ci = Bootstrap.Ece([[], [new ScoredAnswer(1.0, true, 1.0)]], options: Few);

        Assert.Equal(0.0, ci.Estimate, 12);
        Assert.InRange(ci.UndefinedResamples, 1, 199);
        Assert.Equal(0.0, ci.Upper, 12);
    }

    [Fact]
    public void Answer_statistic_resamples_that_draw_only_empty_questions_are_undefined()
    {
        var ci = Bootstrap.PWrong([[], [new ScoredAnswer(0.25, false)]], Few);

        Assert.Equal(0.25, ci.Estimate, 12);
        Assert.InRange(ci.UndefinedResamples, 1, 199);
        Assert.Equal(0.25, ci.Lower, 12);
    }

    [Fact]
    public void Ece_needs_at_least_one_answer()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bootstrap.Ece([[], []]));

        Assert.Equal("answersByQuestion", ex.ParamName);
        Assert.Contains("The input is empty", ex.Message);
    }

    [Fact]
    public void Ece_accepts_confidences_of_exactly_0_and_1()
    {
        ScoredAnswer[] answers = [new(0.0, false, 0.0), new(1.0, true, 1.0)];

        var ci = Bootstrap.Ece([answers], options: Few);

        Assert.Equal(0.0, ci.Estimate, 12);
    }

    [Fact]
    public void Ece_names_a_missing_or_out_of_range_confidence()
    {
        var missing = Assert.Throws<ArgumentException>(() => Bootstrap.Ece([[new ScoredAnswer(1.0, true, 0.5)], [new ScoredAnswer(0.0, false)]]));
        var above = Assert.Throws<ArgumentException>(() => Bootstrap.Ece([[new ScoredAnswer(1.0, true, 2.0)]]));

        Assert.Equal("answersByQuestion", missing.ParamName);
        Assert.Contains("Answer 1 (in question order) has confidence null; ECE needs a confidence in [0, 1] on every answer.", missing.Message);
        Assert.Contains("Answer 0 (in question order) has confidence 2;", above.Message);
    }

    [Fact]
    public void Answer_statistics_name_a_proxy_above_1()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bootstrap.PWrong([[new ScoredAnswer(0.5, false)], [new ScoredAnswer(2.0, false)]]));

        Assert.Equal("answersByQuestion", ex.ParamName);
        Assert.Contains("Answer 1 (in question order) has proxy 2; answer metrics take cor(a) in [0, 1].", ex.Message);
    }
}
