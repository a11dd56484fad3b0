using CsCheck;
using WrongOverWrong.Metrics.Confidence;

namespace WrongOverWrong.Metrics.Tests;

/// <summary>
/// Equal-width bins against a slow reference that compares each confidence with every exact edge
/// i / bins. Confidences are drawn from the edges themselves and their neighbouring doubles, where
/// the fast path's multiply (c · bins) can round across an edge and its fix-ups must step back.
/// </summary>
public class CalibrationReferenceTests
{
    private static int ReferenceRightClosed(double c, int bins)
    {
        // (a, b] with 0 in the first bin.
        for (int b = 0; b < bins; b++)
        {
            if (c <= (double)(b + 1) / bins)
            {
                return b;
            }
        }

        throw new InvalidOperationException("a confidence above 1");
    }

    private static int ReferenceLeftClosed(double c, int bins)
    {
        // [a, b), with exactly 1.0 in an extra slot of its own (torch.bucketize(right=True) - 1).
        for (int b = 0; b < bins; b++)
        {
            if (c < (double)(b + 1) / bins)
            {
                return b;
            }
        }

        return bins;
    }

    // Edges, their neighbours one ulp away on either side, 0, 1 and plain uniform draws.
    private static Gen<double> Confidence(int bins) => Gen.OneOf(
        Gen.Double[0.0, 1.0],
        Gen.Int[0, bins].Select(i => (double)i / bins),
        Gen.Int[0, bins].Select(i => Math.Clamp(Math.BitIncrement((double)i / bins), 0.0, 1.0)),
        Gen.Int[0, bins].Select(i => Math.Clamp(Math.BitDecrement((double)i / bins), 0.0, 1.0)));

    private static readonly Gen<(int Bins, double[] Confidences, bool[] Correct)> Cases =
        Gen.Int[1, 60].SelectMany(bins => Gen.Int[1, 80].SelectMany(n =>
            Gen.Select(Confidence(bins).Array[n], Gen.Bool.Array[n]).Select(t => (bins, t.Item1, t.Item2))));

    private static void AssertMatchesReference(CalibrationBinning binning, Func<double, int, int> slotOf, int extraSlots)
    {
        int cases = 0;
        Cases.Sample(t =>
        {
            var (bins, confidences, correct) = t;
            var result = Calibration.Compute(confidences, correct, new CalibrationOptions { Bins = bins, Binning = binning });

            int slots = bins + extraSlots;
            var counts = new int[slots];
            var sums = new double[slots];
            var hits = new int[slots];
            for (int i = 0; i < confidences.Length; i++)
            {
                int slot = slotOf(confidences[i], bins);
                counts[slot]++;
                sums[slot] += confidences[i];
                hits[slot] += correct[i] ? 1 : 0;
            }

            Assert.Equal(slots, result.Bins.Count);
            double ece = 0.0, mce = 0.0, squared = 0.0;
            for (int b = 0; b < slots; b++)
            {
                var bin = result.Bins[b];
                Assert.Equal(counts[b], bin.Count);
                Assert.Equal(b < bins ? (double)b / bins : 1.0, bin.Lower);
                Assert.Equal(b < bins ? (double)(b + 1) / bins : 1.0, bin.Upper);
                if (counts[b] == 0)
                {
                    Assert.True(double.IsNaN(bin.MeanConfidence) && double.IsNaN(bin.Accuracy));
                    continue;
                }

                double gap = Math.Abs(((double)hits[b] / counts[b]) - (sums[b] / counts[b]));
                Assert.Equal(sums[b] / counts[b], bin.MeanConfidence, 12);
                Assert.Equal((double)hits[b] / counts[b], bin.Accuracy, 12);
                ece += (double)counts[b] / confidences.Length * gap;
                squared += (double)counts[b] / confidences.Length * gap * gap;
                mce = Math.Max(mce, gap);
            }

            Assert.Equal(ece, result.Ece, 12);
            Assert.Equal(mce, result.Mce, 12);
            Assert.Equal(Math.Sqrt(squared), result.Rmsce, 12);
            Assert.Equal(confidences.Length, result.Bins.Sum(b => b.Count));
            Interlocked.Increment(ref cases);
        }, iter: 3_000);

        Assert.Equal(3_000, cases);
    }

    [Fact]
    public void PaperBinsMatchTheSlowReference() =>
        AssertMatchesReference(CalibrationBinning.EqualWidth, ReferenceRightClosed, extraSlots: 0);

    [Fact]
    public void TorchMetricsBinsMatchTheSlowReference() =>
        AssertMatchesReference(CalibrationBinning.TorchMetrics, ReferenceLeftClosed, extraSlots: 1);

    [Theory]
    [InlineData(CalibrationBinning.EqualWidth, 10)]
    [InlineData(CalibrationBinning.TorchMetrics, 11)]
    public void TheLastBinEndsAtOne(CalibrationBinning binning, int expectedBins)
    {
        // A confidence of exactly 1 lands in the last paper bin (0.9, 1] or in torchmetrics' extra [1, 1].
        var bins = Calibration.ReliabilityDiagram([1.0, 0.95], [true, false], new CalibrationOptions { Bins = 10, Binning = binning });

        Assert.Equal(expectedBins, bins.Count);
        Assert.Equal(1.0, bins[^1].Upper);
        Assert.Equal(binning == CalibrationBinning.EqualWidth ? 0.9 : 1.0, bins[^1].Lower);
        Assert.Equal(binning == CalibrationBinning.EqualWidth ? 2 : 1, bins[^1].Count);
    }

    [Fact]
    public void TheFastPathsRoundAcrossEdgesOnTheseCasesSoTheFixUpsAreExercised()
    {
        // Witnesses that the multiply alone would misplace a confidence: without them the
        // comparisons against the exact edges would be untested dead code.
        int rightFixes = 0, leftFixes = 0;
        for (int bins = 1; bins <= 60; bins++)
        {
            for (int i = 0; i <= bins; i++)
            {
                foreach (double c in new[] { (double)i / bins, Math.BitIncrement((double)i / bins), Math.BitDecrement((double)i / bins) })
                {
                    if (c is < 0.0 or > 1.0)
                    {
                        continue;
                    }

                    int rightGuess = Math.Clamp((int)Math.Ceiling(c * bins) - 1, 0, bins - 1);
                    rightFixes += rightGuess != ReferenceRightClosed(c, bins) ? 1 : 0;
                    int leftGuess = c == 1.0 ? bins : Math.Clamp((int)(c * bins), 0, bins - 1);
                    leftFixes += leftGuess != ReferenceLeftClosed(c, bins) ? 1 : 0;
                }
            }
        }

        Assert.True(rightFixes > 0, "no right-closed case needs a fix-up");
        Assert.True(leftFixes > 0, "no left-closed case needs a fix-up");
    }
}
