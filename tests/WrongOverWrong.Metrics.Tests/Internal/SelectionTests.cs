using WrongOverWrong.Metrics.Internal;

namespace WrongOverWrong.Metrics.Tests;

public class SelectionTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(15, 2)]
    [InlineData(1000, 3)]
    [InlineData(10_000, 4)]
    public void KthSmallestMatchesSorting(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            // Half the arrays are heavy in duplicates.
            values[i] = seed % 2 == 0 ? random.Next(5) : random.NextDouble();
        }

        var sorted = values.Order().ToArray();
        foreach (int k in new[] { 0, length / 3, length / 2, length - 1 })
        {
            Assert.Equal(sorted[k], Selection.KthSmallest(values.ToArray(), k));
        }
    }

    [Fact]
    public void SortedAndReversedInputsWork()
    {
        var ascending = Enumerable.Range(0, 5000).Select(i => (double)i).ToArray();
        var descending = ascending.Reverse().ToArray();
        var constant = Enumerable.Repeat(2.5, 5000).ToArray();

        Assert.Equal(4500.0, Selection.KthSmallest(ascending, 4500));
        Assert.Equal(17.0, Selection.KthSmallest(descending, 17));
        Assert.Equal(2.5, Selection.KthSmallest(constant, 1234));
    }
}
