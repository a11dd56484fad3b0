using CsCheck;
using WrongOverWrong.Metrics.Internal;

namespace WrongOverWrong.Metrics.Tests;

/// <summary>
/// Quickselect against a sort on many small random arrays and every k. Arrays of 17-60 values pass
/// the small-span cut-off (16), so the partition loop and its index arithmetic run, and every k
/// reaches the three exits (left part, right part, pivot run); fixed k such as 0, n/3, n/2, n-1 let
/// a wrong comparison survive on some arrays.
/// </summary>
public class SelectionPropertyTests
{
    // Half the arrays draw from five integers so runs equal to the pivot are common.
    private static readonly Gen<double[]> Arrays = Gen.Int[17, 60].SelectMany(n => Gen.OneOf(
        Gen.Double[-1000.0, 1000.0].Array[n],
        Gen.Int[0, 4].Select(i => (double)i).Array[n]));

    [Fact]
    public void KthSmallestMatchesSortingForEveryK()
    {
        int checkedArrays = 0;
        Arrays.Sample(values =>
        {
            var sorted = values.Order().ToArray();
            for (int k = 0; k < values.Length; k++)
            {
                Assert.Equal(sorted[k], Selection.KthSmallest(values.ToArray(), k));
            }

            Interlocked.Increment(ref checkedArrays);
        }, iter: 2_000);

        Assert.Equal(2_000, checkedArrays);
    }

    [Fact]
    public void KthSmallestOnlyReordersTheValues()
    {
        // The caller's span is reordered in place; no value may be lost or duplicated by a swap.
        Arrays.Sample(values =>
        {
            var copy = values.ToArray();
            Selection.KthSmallest(copy, copy.Length / 2);
            Assert.Equal(values.Order(), copy.Order());
        }, iter: 500);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(20)]
    public void KOutsideTheArrayIsRefused(int k) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Selection.KthSmallest(new double[20], k));

    [Fact]
    public void AdversarialInputsFallBackToASortAndStayCorrect()
    {
        // An organ-pipe array makes median-of-three pick poor pivots, so the depth budget runs out
        // and the remaining range is sorted; the answer must not change.
        var values = Enumerable.Range(0, 4096).Select(i => (double)(i < 2048 ? i : 4095 - i)).ToArray();
        var sorted = values.Order().ToArray();
        foreach (int k in new[] { 0, 1, 1000, 2047, 2048, 4095 })
        {
            Assert.Equal(sorted[k], Selection.KthSmallest(values.ToArray(), k));
        }
    }
}
