using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Metrics.Tests;

public class AccWoWTests
{
    // gap, predicted, gold: one hit, one miss, one tie, one abstention, one hit.
    private static readonly ScoredPair[] Mixed =
    [
        new(3.0, PairPrediction.First, PairWinner.First),
        new(2.0, PairPrediction.Second, PairWinner.First),
        new(0.0, PairPrediction.Tie, PairWinner.First),
        new(null, PairPrediction.Abstained, PairWinner.Second),
        new(1.0, PairPrediction.Second, PairWinner.Second),
    ];

    [Fact]
    public void TiesCountAsMissByDefaultAndAbstentionsStayOutOfTheDenominator()
    {
        var result = AccWoW.Compute(Mixed);

        Assert.Equal(0.5, result.Accuracy, 12);
        Assert.Equal(4, result.Kept);
        Assert.Equal(2, result.Correct);
        Assert.Equal(1, result.Ties);
        Assert.Equal(1, result.Abstentions);
        Assert.Equal(5, result.Total);
        Assert.Equal(4, result.Denominator);
    }

    [Fact]
    public void ReadmeExample()
    {
        ScoredPair[] pairs =
        [
            ScoredPair.FromScores(4, 2, PairWinner.First),
            ScoredPair.FromScores(3, 3, PairWinner.Second),
            ScoredPair.FromScores(null, 1, PairWinner.First),
            ScoredPair.FromVerdict(PairPrediction.Second, PairWinner.First),
        ];

        var all = AccWoW.Compute(pairs);

        Assert.Equal(1.0 / 3.0, all.Accuracy, 12);
        Assert.Equal((3, 1, 1, 1, 4), (all.Kept, all.Correct, all.Ties, all.Abstentions, all.Total));
    }

    [Fact]
    public void ExcludedTiesLeaveTheDenominatorButAreStillReported()
    {
        var result = AccWoW.Compute(Mixed, new AccWoWOptions { TiePolicy = TiePolicy.Exclude });

        Assert.Equal(2.0 / 3.0, result.Accuracy, 12);
        Assert.Equal(4, result.Kept);
        Assert.Equal(1, result.Ties);
        Assert.Equal(3, result.Denominator);
    }

    [Fact]
    public void MarginKeepsTheLargestGapsAmongNonAbstainedPairs()
    {
        // 4 scored pairs: M_50 keeps gaps 3 and 2 (one hit, one miss); M_10 keeps ceil(0.4) = 1 pair, gap 3.
        var m50 = AccWoW.Compute(Mixed, new AccWoWOptions { Margin = Margin.M50 });
        var m10 = AccWoW.Compute(Mixed, new AccWoWOptions { Margin = Margin.M10 });

        Assert.Equal(2, m50.Kept);
        Assert.Equal(0.5, m50.Accuracy, 12);
        Assert.Equal(0, m50.Ties);
        Assert.Equal(1, m50.Abstentions);
        Assert.Equal(1, m10.Kept);
        Assert.Equal(1.0, m10.Accuracy, 12);
    }

    [Fact]
    public void PairsTiedOnTheGapAtTheCutAreKeptInInputOrder()
    {
        ScoredPair[] pairs =
        [
            new(1.0, PairPrediction.Second, PairWinner.First),
            new(2.0, PairPrediction.First, PairWinner.First),
            new(2.0, PairPrediction.First, PairWinner.First),
            new(2.0, PairPrediction.Second, PairWinner.First),
            new(0.0, PairPrediction.Tie, PairWinner.First),
        ];

        // k = 0.4 * 5 = 2 of three pairs with gap 2: the first two (both hits) win, the third (a miss) is cut.
        var result = AccWoW.Compute(pairs, new AccWoWOptions { Margin = new Margin(0.4) });
        Assert.Equal(2, result.Kept);
        Assert.Equal(1.0, result.Accuracy, 12);

        // The same pairs with the miss first: now the miss is kept.
        ScoredPair[] reordered = [pairs[3], pairs[1], pairs[2], pairs[0], pairs[4]];
        var second = AccWoW.Compute(reordered, new AccWoWOptions { Margin = new Margin(0.4) });
        Assert.Equal(0.5, second.Accuracy, 12);
    }

    [Theory]
    [InlineData(30, 0.1, 3)]
    [InlineData(10, 0.1, 1)]
    [InlineData(5, 0.1, 1)]
    [InlineData(4, 0.5, 2)]
    [InlineData(5, 0.5, 3)]
    [InlineData(3, 0.7, 3)]
    [InlineData(7, 1.0, 7)]
    [InlineData(0, 0.1, 0)]
    [InlineData(1_000_000, 0.1, 100_000)]
    public void KeepCountRoundsUpButForgivesFloatingPointNoise(int count, double margin, int expected) =>
        Assert.Equal(expected, AccWoW.KeepCount(count, margin));

    [Fact]
    public void KeepCountForgivesExactlyEightUlpsAboveAnIntegerAndNoMore()
    {
        // 4 x (0.75 + 2^-50) = 3 + 2^-48 exactly: 8 ulps of 3 above it, still 3. Nine ulps above is more than noise: 4.
        Assert.Equal(3, AccWoW.KeepCount(4, 0.75 + Math.ScaleB(1.0, -50)));
        Assert.Equal(4, AccWoW.KeepCount(4, 0.75 + (9 * Math.ScaleB(1.0, -53))));
    }

    [Fact]
    public void PairwiseVerdictsWorkAtFullMargin()
    {
        ScoredPair[] pairs =
        [
            ScoredPair.FromVerdict(PairPrediction.First, PairWinner.First),
            ScoredPair.FromVerdict(PairPrediction.First, PairWinner.Second),
            ScoredPair.FromVerdict(PairPrediction.Second, PairWinner.Second),
        ];

        var result = AccWoW.Compute(pairs);

        Assert.Equal(2.0 / 3.0, result.Accuracy, 12);
        Assert.Equal(3, result.Kept);
    }

    [Fact]
    public void PairwiseVerdictsCannotBeRankedByAMargin()
    {
        ScoredPair[] pairs = [ScoredPair.FromVerdict(PairPrediction.First, PairWinner.First), new(1.0, PairPrediction.First, PairWinner.First)];

        var e = Assert.Throws<ArgumentException>(() => AccWoW.Compute(pairs, new AccWoWOptions { Margin = Margin.M50 }));
        Assert.Equal("pairs", e.ParamName);
        Assert.Contains("pairs[0]", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void BadMarginsAreRejected(double margin)
    {
        var e = Assert.Throws<ArgumentException>(() => new Margin(margin));
        Assert.Equal("keptFraction", e.ParamName);
    }

    [Fact]
    public void EmptyInputIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => AccWoW.Compute([]));
        Assert.Equal("pairs", e.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(double.NegativeInfinity)]
    public void BadGapsAreRejectedWithTheirIndex(double gap)
    {
        ScoredPair[] pairs = [new(1.0, PairPrediction.First, PairWinner.First), new(gap, PairPrediction.First, PairWinner.First)];

        var e = Assert.Throws<ArgumentException>(() => AccWoW.Compute(pairs));
        Assert.Equal("pairs", e.ParamName);
        Assert.Contains("pairs[1]", e.Message);
    }

    [Fact]
    public void UndefinedEnumValuesAreRejected()
    {
        ScoredPair[] pairs = [new(1.0, (PairPrediction)9, PairWinner.First)];
        Assert.Equal("pairs", Assert.Throws<ArgumentException>(() => AccWoW.Compute(pairs)).ParamName);

        ScoredPair[] gold = [new(1.0, PairPrediction.First, (PairWinner)5)];
        Assert.Equal("pairs", Assert.Throws<ArgumentException>(() => AccWoW.Compute(gold)).ParamName);
    }

    [Fact]
    public void AllAbstainedGivesNaNWithCounts()
    {
        ScoredPair[] pairs = [ScoredPair.FromScores(null, 1, PairWinner.First), ScoredPair.FromScores(2, null, PairWinner.Second)];

        var result = AccWoW.Compute(pairs, new AccWoWOptions { Margin = Margin.M10 });

        Assert.True(double.IsNaN(result.Accuracy));
        Assert.Equal(0, result.Kept);
        Assert.Equal(2, result.Abstentions);
        Assert.Equal(2, result.Total);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public void OracleScoresScoreOneAndReversedScoresScoreZero(double margin)
    {
        var random = new Random(7);
        var oracle = new ScoredPair[500];
        var reversed = new ScoredPair[500];
        for (int i = 0; i < oracle.Length; i++)
        {
            double a = random.NextDouble();
            double b = a + 0.001 + random.NextDouble();
            var gold = random.Next(2) == 0 ? PairWinner.First : PairWinner.Second;
            (double first, double second) = gold == PairWinner.First ? (b, a) : (a, b);
            oracle[i] = ScoredPair.FromScores(first, second, gold);
            reversed[i] = ScoredPair.FromScores(second, first, gold);
        }

        var options = new AccWoWOptions { Margin = new Margin(margin) };
        Assert.Equal(1.0, AccWoW.Compute(oracle, options).Accuracy);
        Assert.Equal(0.0, AccWoW.Compute(reversed, options).Accuracy);
    }

    [Fact]
    public void RandomScoresScoreAboutOneHalf()
    {
        var random = new Random(123);
        var pairs = new ScoredPair[20_000];
        for (int i = 0; i < pairs.Length; i++)
        {
            pairs[i] = ScoredPair.FromScores(random.NextDouble(), random.NextDouble(), random.Next(2) == 0 ? PairWinner.First : PairWinner.Second);
        }

        Assert.InRange(AccWoW.Compute(pairs).Accuracy, 0.48, 0.52);
        Assert.InRange(AccWoW.Compute(pairs, new AccWoWOptions { Margin = Margin.M10 }).Accuracy, 0.46, 0.54);
    }

    [Theory]
    [InlineData(0.1, 1)]
    [InlineData(0.5, 2)]
    [InlineData(0.37, 3)]
    [InlineData(0.9, 4)]
    public void MarginSelectionMatchesAStableFullSort(double margin, int seed)
    {
        // Integer score-judge gaps (0..5) make many ties at the cut, the case quickselect must get right.
        var random = new Random(seed);
        var pairs = new ScoredPair[5_000];
        for (int i = 0; i < pairs.Length; i++)
        {
            var predicted = (PairPrediction)random.Next(4);
            double? gap = predicted == PairPrediction.Abstained ? null : predicted == PairPrediction.Tie ? 0 : random.Next(6);
            pairs[i] = new ScoredPair(gap, predicted, random.Next(2) == 0 ? PairWinner.First : PairWinner.Second);
        }

        var scored = pairs.Where(p => p.Predicted != PairPrediction.Abstained).ToArray();
        int keep = AccWoW.KeepCount(scored.Length, margin);

        // OrderByDescending is a stable sort: equal gaps keep input order.
        var kept = scored.OrderByDescending(p => p.Gap!.Value).Take(keep).ToArray();
        var result = AccWoW.Compute(pairs, new AccWoWOptions { Margin = new Margin(margin) });

        Assert.Equal(keep, result.Kept);
        Assert.Equal(kept.Count(p => p.IsCorrect), result.Correct);
        Assert.Equal(kept.Count(p => p.Predicted == PairPrediction.Tie), result.Ties);
        Assert.Equal(pairs.Length - scored.Length, result.Abstentions);
    }

    [Fact]
    public void AnInfiniteGapRanksAboveEveryFiniteGap()
    {
        // One score of -inf (a token of probability 0) next to a finite one: the order is certain.
        ScoredPair[] pairs =
        [
            ScoredPair.FromScores(-1.0, -2.0, PairWinner.Second),             // gap 1, a miss
            ScoredPair.FromScores(-0.5, double.NegativeInfinity, PairWinner.First), // gap +inf, a hit
            ScoredPair.FromScores(-3.0, -1.0, PairWinner.Second),             // gap 2, a hit
        ];

        Assert.Equal(double.PositiveInfinity, pairs[1].Gap);
        Assert.Equal([false, true, false], AccWoW.KeptPairs(pairs, Margin.M10));
        Assert.Equal([false, true, true], AccWoW.KeptPairs(pairs, new Margin(0.6)));
        Assert.Equal(1.0, AccWoW.Compute(pairs, new AccWoWOptions { Margin = Margin.M10 }).Accuracy);
        Assert.Equal(2.0 / 3.0, AccWoW.Compute(pairs).Accuracy, 12);
    }

    [Fact]
    public void KeptPairsIsTheSelectionComputeScores()
    {
        var kept = AccWoW.KeptPairs(Mixed, Margin.M50);
        var result = AccWoW.Compute(Mixed, new AccWoWOptions { Margin = Margin.M50 });

        Assert.Equal(result.Kept, kept.Count(k => k));
        Assert.Equal(result.Correct, Mixed.Where((p, i) => kept[i] && p.IsCorrect).Count());
        Assert.All(Mixed.Where((p, i) => kept[i]), p => Assert.NotEqual(PairPrediction.Abstained, p.Predicted));
    }
}
