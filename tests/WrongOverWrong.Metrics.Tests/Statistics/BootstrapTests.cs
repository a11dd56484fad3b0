using WrongOverWrong.Metrics.Answers;
using WrongOverWrong.Metrics.Confidence;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Metrics.Tests;

public class BootstrapTests
{
    private static double[] Uniform(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
    }

    [Fact]
    public void TheSameSeedReproducesTheIntervalAndAnotherSeedMovesIt()
    {
        var values = Uniform(200, 1);

        var first = Bootstrap.Mean(values, new BootstrapOptions { Seed = 5 });
        var again = Bootstrap.Mean(values, new BootstrapOptions { Seed = 5 });
        var other = Bootstrap.Mean(values, new BootstrapOptions { Seed = 6 });

        Assert.Equal(first, again);
        Assert.NotEqual(first.Lower, other.Lower);
        Assert.Equal(first.Estimate, other.Estimate);
    }

    [Fact]
    public void TheIntervalContainsTheEstimateAndHasTheNormalWidth()
    {
        // Uniform(0, 1): sd = 1/√12, so a 95% interval for a mean of 1,000 has half-width about 1.96 · 0.2887 / √1000 = 0.0179.
        var values = Uniform(1000, 2);

        var interval = Bootstrap.Mean(values);

        Assert.Equal(values.Average(), interval.Estimate, 12);
        Assert.True(interval.Contains(interval.Estimate));
        Assert.InRange(interval.Width / 2, 0.014, 0.022);
        Assert.Equal(1000, interval.Resamples);
        Assert.Equal(0.95, interval.Level);
        Assert.Equal(0, interval.UndefinedResamples);
    }

    [Fact]
    public void AHigherLevelGivesAWiderInterval()
    {
        var values = Uniform(300, 3);

        var narrow = Bootstrap.Mean(values, new BootstrapOptions { Level = 0.5 });
        var wide = Bootstrap.Mean(values, new BootstrapOptions { Level = 0.99 });

        Assert.True(wide.Width > narrow.Width);
    }

    [Fact]
    public void ConstantDataGivesADegenerateInterval()
    {
        var interval = Bootstrap.Mean([0.4, 0.4, 0.4]);

        Assert.Equal(0.4, interval.Lower, 12);
        Assert.Equal(0.4, interval.Upper, 12);
    }

    [Fact]
    public void UndefinedResamplesAreCountedNotHidden()
    {
        // The statistic is undefined when group 2 is not drawn: probability 1/4 with two groups.
        var interval = Bootstrap.ConfidenceInterval<int>([1, 2], drawn => drawn.Contains(2) ? drawn.Average() : double.NaN);

        Assert.InRange(interval.UndefinedResamples, 150, 350);
        Assert.Equal(1.5, interval.Estimate);
        Assert.InRange(interval.Lower, 1.5, 2.0);
        Assert.Equal(2.0, interval.Upper);
    }

    [Fact]
    public void PooledStatisticsSeeTheConcatenatedItems()
    {
        IReadOnlyList<IReadOnlyList<int>> groups = [[1, 2, 3], [], [4]];

        var interval = Bootstrap.Pooled(groups, items => items.Length, new BootstrapOptions { Resamples = 200 });

        Assert.Equal(4, interval.Estimate);
        Assert.InRange(interval.Lower, 0, 4);
        Assert.InRange(interval.Upper, 4, 12);
    }

    [Fact]
    public void AccWoWIntervalResamplesQuestions()
    {
        var random = new Random(9);
        var questions = new List<IReadOnlyList<ScoredPair>>();
        for (int q = 0; q < 60; q++)
        {
            var pairs = new List<ScoredPair>();
            for (int p = 0; p < 6; p++)
            {
                // A judge that is right about 70% of the time.
                var gold = random.Next(2) == 0 ? PairWinner.First : PairWinner.Second;
                bool right = random.NextDouble() < 0.7;
                var predicted = right == (gold == PairWinner.First) ? PairPrediction.First : PairPrediction.Second;
                pairs.Add(new ScoredPair(random.Next(1, 6), predicted, gold));
            }

            questions.Add(pairs);
        }

        var interval = Bootstrap.AccWoW(questions, new AccWoWOptions { Margin = Margin.M50 }, new BootstrapOptions { Resamples = 300 });
        var direct = AccWoW.Compute(questions.SelectMany(q => q).ToArray(), new AccWoWOptions { Margin = Margin.M50 });

        Assert.Equal(direct.Accuracy, interval.Estimate, 12);
        Assert.True(interval.Contains(interval.Estimate));
        Assert.True(interval.Lower > 0.5, $"lower bound {interval.Lower} should exclude chance for a 70% judge");
    }

    [Fact]
    public void AnswerOverloadsMatchThePointMetricsOnAllAnswers()
    {
        IReadOnlyList<IReadOnlyList<ScoredAnswer>> questions =
        [
            [new(0.2, false, 0.9), new(1.0, true, 0.8)],
            [new(0.0, false, 0.4), new(0.6, false, 0.3), new(1.0, true, 0.95)],
            [new(0.5, false, 0.6)],
        ];
        double[] proxies = [0.2, 1.0, 0.0, 0.6, 1.0, 0.5];
        bool[] correct = [false, true, false, false, true, false];
        double[] confidences = [0.9, 0.8, 0.4, 0.3, 0.95, 0.6];
        var options = new BootstrapOptions { Resamples = 200 };

        var pWrong = Bootstrap.PWrong(questions, options);
        var accuracy = Bootstrap.Accuracy(questions, options);
        var meanCor = Bootstrap.MeanCor(questions, options);
        var ece = Bootstrap.Ece(questions, null, options);

        Assert.Equal(AnswerMetrics.PWrong(proxies, correct), pWrong.Estimate, 12);
        Assert.Equal(2.0 / 6.0, accuracy.Estimate, 12);
        Assert.Equal(AnswerMetrics.MeanCor(proxies), meanCor.Estimate, 12);
        Assert.Equal(Calibration.Ece(confidences, correct), ece.Estimate, 12);
        foreach (var interval in new[] { pWrong, accuracy, meanCor, ece })
        {
            Assert.True(interval.Lower <= interval.Upper);
            Assert.InRange(interval.Lower, 0.0, 1.0);
            Assert.InRange(interval.Upper, 0.0, 1.0);
        }
    }

    [Fact]
    public void EceNeedsAConfidenceOnEveryAnswer()
    {
        IReadOnlyList<IReadOnlyList<ScoredAnswer>> questions = [[new(0.2, false, 0.9)], [new(1.0, true)]];

        var e = Assert.Throws<ArgumentException>(() => Bootstrap.Ece(questions));
        Assert.Equal("answersByQuestion", e.ParamName);
        Assert.Contains("Answer 1", e.Message);
        Assert.Equal("calibrationOptions", Assert.Throws<ArgumentException>(() =>
            Bootstrap.Ece([[new(0.2, false, 0.9)]], new CalibrationOptions { Bins = 0 })).ParamName);
        Assert.Equal("answersByQuestion", Assert.Throws<ArgumentException>(() =>
            Bootstrap.PWrong([[new(double.NaN, false)]])).ParamName);
        Assert.Equal("answersByQuestion", Assert.Throws<ArgumentException>(() => Bootstrap.Accuracy([[], []])).ParamName);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Bootstrap.Mean([])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0, double.NaN])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0], new BootstrapOptions { Resamples = 0 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0], new BootstrapOptions { Level = 1.0 })).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => Bootstrap.ConfidenceInterval<int>([], _ => 0)).ParamName);

        IReadOnlyList<IReadOnlyList<ScoredPair>> badPair = [[new ScoredPair(double.NaN, PairPrediction.First, PairWinner.First)]];
        Assert.Equal("pairsByQuestion", Assert.Throws<ArgumentException>(() => Bootstrap.AccWoW(badPair)).ParamName);
        IReadOnlyList<IReadOnlyList<ScoredPair>> good = [[new ScoredPair(1, PairPrediction.First, PairWinner.First)]];
        Assert.Equal("accOptions", Assert.Throws<ArgumentException>(() => Bootstrap.AccWoW(good, new AccWoWOptions { TiePolicy = (TiePolicy)7 })).ParamName);

        // A missing question is named, not a NullReferenceException from inside the concatenation.
        IReadOnlyList<IReadOnlyList<ScoredPair>> missingPairs = [good[0], null!];
        Assert.Equal("pairsByQuestion", Assert.Throws<ArgumentException>(() => Bootstrap.AccWoW(missingPairs)).ParamName);
        IReadOnlyList<IReadOnlyList<ScoredAnswer>> missingAnswers = [null!];
        Assert.Equal("answersByQuestion", Assert.Throws<ArgumentException>(() => Bootstrap.Ece(missingAnswers)).ParamName);
        Assert.Equal("answersByQuestion", Assert.Throws<ArgumentException>(() => Bootstrap.PWrong(missingAnswers)).ParamName);
    }
}
