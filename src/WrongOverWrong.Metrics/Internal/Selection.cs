using System.Numerics;

namespace WrongOverWrong.Metrics.Internal;

/// <summary>Order statistics without a full sort.</summary>
internal static class Selection
{
    // Below this size a sort is cheaper than more partition rounds.
    private const int SmallSpan = 16;

    /// <summary>
    /// Returns the value that would sit at index <paramref name="k"/> if <paramref name="values"/>
    /// were sorted ascending. Reorders <paramref name="values"/>. Quickselect with a median-of-three
    /// pivot runs in O(n) expected; a depth budget falls back to a sort of the remaining range so
    /// adversarial inputs still cost O(n log n) at worst (introselect). Values must not be NaN.
    /// </summary>
    public static double KthSmallest(Span<double> values, int k)
    {
        if ((uint)k >= (uint)values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k));
        }

        int lo = 0;
        int hi = values.Length - 1;
        // Stryker disable once Arithmetic : the budget only decides when to stop partitioning and sort the rest; any budget selects the same value.
        int depthBudget = 2 * (BitOperations.Log2((uint)values.Length) + 1);
        while (hi > lo)
        {
            // Stryker disable once all : sorting the range or partitioning it further both yield the k-th value; this choice only changes the cost.
            bool sortRest = hi - lo < SmallSpan || depthBudget-- == 0;
            if (sortRest)
            {
                values[lo..(hi + 1)].Sort();
                return values[k];
            }

            double pivot = MedianOfThree(values[lo], values[lo + ((hi - lo) / 2)], values[hi]);
            int i = lo;
            int j = hi;

            // Hoare partition: afterwards [lo..j] <= pivot, [i..hi] >= pivot and everything strictly
            // between j and i equals the pivot. Equal keys stop both scans, so runs of duplicates
            // (common: many gaps are 0 or small integers) still split evenly.
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Stryker disable once Block : without a narrowed range the loop repeats until the depth budget sorts the range, which gives the same value.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return pivot;
            }
        }

        return values[k];
    }

    // Stryker disable once Conditional,Equality : any of the three values is a valid Hoare pivot (it lies in the range), so the choice only changes the cost.
    private static double MedianOfThree(double a, double b, double c) =>
        a < b
            ? (b < c ? b : Math.Max(a, c))
            : (a < c ? a : Math.Max(b, c));
}
