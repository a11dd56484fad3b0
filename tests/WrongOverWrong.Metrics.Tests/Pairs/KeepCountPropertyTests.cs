using CsCheck;
using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Metrics.Tests;

/// <summary>
/// <see cref="AccWoW.KeepCount"/> against exact integer arithmetic. Margins are written as decimals
/// (0.07, 0.1), so the kept count a user means is ⌈p · count / q⌉ for the decimal p / q, not the
/// ceiling of the rounded double product (0.07 · 100 is 7.000000000000001 in doubles).
/// </summary>
public class KeepCountPropertyTests
{
    private static long ExactKeep(long count, long numerator, long denominator)
    {
        if (count == 0)
        {
            return 0;
        }

        long keep = ((numerator * count) + denominator - 1) / denominator;
        return Math.Clamp(keep, 1, count);
    }

    [Theory]
    [InlineData(100, 0.07, 7)]     // 7.000000000000001 in doubles: the tolerance must forgive it
    [InlineData(100, 0.29, 29)]    // 28.999999999999996: must not fall to 28 either
    [InlineData(1000, 0.001, 1)]
    [InlineData(3, 0.01, 1)]       // at least one pair is kept
    [InlineData(101, 0.07, 8)]     // 7.07 rounds up
    public void KeepCountMatchesTheDecimalMargin(int count, double margin, int expected) =>
        Assert.Equal(expected, AccWoW.KeepCount(count, margin));

    [Fact]
    public void KeepCountMatchesExactArithmeticForPercentAndPerMilleMargins()
    {
        int cases = 0;
        Gen.Select(Gen.Int[0, 200_000], Gen.Int[1, 1000], Gen.Bool).Sample((count, numerator, perMille) =>
        {
            long denominator = perMille ? 1000 : 100;
            if (numerator > denominator)
            {
                numerator %= (int)denominator;
                numerator++;
            }

            Assert.Equal(ExactKeep(count, numerator, denominator), AccWoW.KeepCount(count, (double)numerator / denominator));
            Interlocked.Increment(ref cases);
        }, iter: 20_000);

        Assert.Equal(20_000, cases);
    }

    [Fact]
    public void KeepCountMatchesExactArithmeticForHugeCounts()
    {
        // Above 10^8 pairs a tolerance relative to the product (1e-9 of it) grows past 0.1 and would
        // round 200000000.1 down to 200000000; the rounding error it forgives is only a few ulps.
        Gen.Select(Gen.Int[100_000_000, int.MaxValue], Gen.Int[1, 100]).Sample((count, numerator) =>
            Assert.Equal(ExactKeep(count, numerator, 100), AccWoW.KeepCount(count, numerator / 100.0)), iter: 5_000);

        Assert.Equal(200_000_001, AccWoW.KeepCount(2_000_000_001, 0.1));
        Assert.Equal(140_000_000, AccWoW.KeepCount(2_000_000_000, 0.07));
    }

    [Theory]
    [InlineData(-1, 0.5)]
    [InlineData(10, 0.0)]
    [InlineData(10, 1.0000001)]
    [InlineData(10, double.NaN)]
    public void KeepCountRefusesBadArguments(int count, double margin) =>
        Assert.Throws<ArgumentException>(() => AccWoW.KeepCount(count, margin));
}
