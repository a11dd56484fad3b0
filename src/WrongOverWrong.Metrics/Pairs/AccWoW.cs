using System.Buffers;
using WrongOverWrong.Metrics.Internal;

namespace WrongOverWrong.Metrics.Pairs;

/// <summary>
/// Acc_WoW: the share of (margin-kept) wrong-over-wrong pairs whose predicted order matches the
/// oracle's. Random guessing scores 0.5.
/// </summary>
public static class AccWoW
{
    // Margins such as 0.07 are not exact in binary, so 0.07 * 100 is 7.000000000000001; a product
    // within a few ulps of an integer counts as that integer instead of rounding up to keep one
    // extra pair. The margin's rounding and the product's add up to about two ulps; a tolerance
    // relative to the product (1e-9 of it) would exceed 0.1 above 10^8 pairs and round real
    // fractions down (200000000.1 to 200000000).
    private const int ToleratedUlps = 8;

    /// <summary>
    /// Computes Acc_WoW over <paramref name="pairs"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Abstentions are counted and set aside first: they never enter the margin ranking or the
    /// denominator. The margin then keeps the pairs <see cref="KeptPairs"/> selects; predicted ties
    /// stay in the ranking with their gap (0 for score ties) and are then scored by
    /// <see cref="AccWoWOptions.TiePolicy"/>.
    /// </para>
    /// <para>Selection is a linear-time quickselect of the k-th largest gap (O(n log n) worst case), not a sort.</para>
    /// </remarks>
    /// <param name="pairs">The judged pairs. Must not be empty.</param>
    /// <param name="options">Margin and tie policy; <see cref="Margin.M100"/> and ties as misses when <see langword="null"/>.</param>
    /// <returns>The accuracy with all counts behind it.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="pairs"/> is empty, holds an undefined prediction or gold value, a NaN or
    /// negative gap, or lacks a gap on a non-abstained pair while the margin keeps less than all;
    /// or <paramref name="options"/> has no margin or an undefined tie policy.
    /// </exception>
    public static AccWoWResult Compute(ReadOnlySpan<ScoredPair> pairs, AccWoWOptions? options = null)
    {
        options ??= new AccWoWOptions();
        if (options.Margin is null)
        {
            throw new ArgumentException("Margin must not be null.", nameof(options));
        }

        if (!Enum.IsDefined(options.TiePolicy))
        {
            throw new ArgumentException($"Unknown tie policy {options.TiePolicy}.", nameof(options));
        }

        Guard.NotEmpty(pairs.Length, nameof(pairs));
        bool[] rented = ArrayPool<bool>.Shared.Rent(pairs.Length);
        try
        {
            var kept = rented.AsSpan(0, pairs.Length);
            int scored = MarkKept(pairs, options.Margin, kept);
            int keptCount = 0;
            int correct = 0;
            int ties = 0;
            for (int i = 0; i < pairs.Length; i++)
            {
                if (!kept[i])
                {
                    continue;
                }

                keptCount++;
                if (pairs[i].Predicted == PairPrediction.Tie)
                {
                    ties++;
                }
                else if (pairs[i].IsCorrect)
                {
                    correct++;
                }
            }

            int denominator = options.TiePolicy == TiePolicy.Exclude ? keptCount - ties : keptCount;
            double accuracy = denominator == 0 ? double.NaN : (double)correct / denominator;
            return new AccWoWResult(accuracy, keptCount, correct, ties, pairs.Length - scored, pairs.Length, options.TiePolicy);
        }
        finally
        {
            // Stryker disable once Statement : returning the rented array to the pool saves an allocation later; no result depends on it.
            ArrayPool<bool>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Which pairs a margin keeps: the selection Acc_WoW scores, for callers that need the kept pairs
    /// themselves (for example to build training preferences from the score judge at M_10).
    /// </summary>
    /// <remarks>
    /// Abstentions are never kept. Of the n non-abstained pairs, the k = <see cref="KeepCount"/>(n,
    /// fraction) with the largest gaps are kept, pooled over all questions; pairs tied on the gap at
    /// the cut are kept in input order (earlier pairs first), so sort the input canonically first for
    /// a result that does not depend on arrival order. An infinite gap (one score infinite, the other
    /// finite: the method is as sure as it can be) ranks above every finite gap.
    /// </remarks>
    /// <param name="pairs">The judged pairs.</param>
    /// <param name="margin">The margin filter.</param>
    /// <returns>One flag per pair, <see langword="true"/> where the pair is kept.</returns>
    /// <exception cref="ArgumentException">
    /// A pair holds an undefined prediction or gold value, a NaN or negative gap, or lacks a gap on a
    /// non-abstained pair while <paramref name="margin"/> keeps less than all.
    /// </exception>
    public static bool[] KeptPairs(ReadOnlySpan<ScoredPair> pairs, Margin margin)
    {
        ArgumentNullException.ThrowIfNull(margin);
        var kept = new bool[pairs.Length];
        MarkKept(pairs, margin, kept);
        return kept;
    }

    /// <summary>The number of pairs a margin keeps out of <paramref name="count"/>: ⌈keptFraction · count⌉, at least 1.</summary>
    /// <param name="count">The number of non-abstained pairs.</param>
    /// <param name="keptFraction">The margin's kept fraction, in (0, 1].</param>
    /// <returns>The number of pairs kept, between 1 and <paramref name="count"/> (0 only when <paramref name="count"/> is 0).</returns>
    /// <exception cref="ArgumentException">A negative count or a kept fraction outside (0, 1].</exception>
    public static int KeepCount(int count, double keptFraction)
    {
        if (count < 0)
        {
            throw new ArgumentException($"Count must not be negative, got {count}.", nameof(count));
        }

        if (!(keptFraction > 0.0 && keptFraction <= 1.0))
        {
            throw new ArgumentException($"The kept fraction must lie in (0, 1], got {keptFraction}.", nameof(keptFraction));
        }

        if (count == 0)
        {
            return 0;
        }

        double exact = keptFraction * count;
        double nearest = Math.Round(exact);
        double ulp = Math.BitIncrement(nearest) - nearest;
        double keep = Math.Abs(exact - nearest) <= ToleratedUlps * ulp ? nearest : Math.Ceiling(exact);
        return (int)Math.Clamp(keep, 1.0, count);
    }

    /// <summary>Validates the pairs, sets <paramref name="kept"/> and returns the number that did not abstain.</summary>
    private static int MarkKept(ReadOnlySpan<ScoredPair> pairs, Margin margin, Span<bool> kept)
    {
        bool filter = !margin.KeepsAll;
        int scored = Validate(pairs, filter);
        double threshold = double.NegativeInfinity;
        int quotaAtThreshold = int.MaxValue;
        if (filter && scored > 0)
        {
            (threshold, quotaAtThreshold) = FindCut(pairs, scored, KeepCount(scored, margin.KeptFraction));
        }

        for (int i = 0; i < pairs.Length; i++)
        {
            var pair = pairs[i];
            kept[i] = false;
            if (pair.Predicted == PairPrediction.Abstained)
            {
                continue;
            }

            if (filter)
            {
                double gap = pair.Gap!.Value;
                if (gap < threshold)
                {
                    continue;
                }

                if (gap == threshold)
                {
                    // Stable tie-breaking at the cut: the first pairs (input order) on the threshold win.
                    if (quotaAtThreshold == 0)
                    {
                        continue;
                    }

                    quotaAtThreshold--;
                }
            }

            kept[i] = true;
        }

        return scored;
    }

    /// <summary>Checks every pair and returns the number that did not abstain.</summary>
    private static int Validate(ReadOnlySpan<ScoredPair> pairs, bool needGaps)
    {
        int scored = 0;
        for (int i = 0; i < pairs.Length; i++)
        {
            var pair = pairs[i];
            if (pair.Predicted > PairPrediction.Abstained)
            {
                throw new ArgumentException($"pairs[{i}].Predicted has the undefined value {(int)pair.Predicted}.", nameof(pairs));
            }

            if (pair.Gold > PairWinner.Second)
            {
                throw new ArgumentException($"pairs[{i}].Gold has the undefined value {(int)pair.Gold}.", nameof(pairs));
            }

            if (pair.Gap is { } gap && !(gap >= 0.0))
            {
                throw new ArgumentException($"pairs[{i}].Gap is {gap}; a gap |s1 - s2| must be non-negative and not NaN.", nameof(pairs));
            }

            if (pair.Predicted == PairPrediction.Abstained)
            {
                continue;
            }

            if (needGaps && pair.Gap is null)
            {
                throw new ArgumentException(
                    $"pairs[{i}] has no gap (a pairwise verdict), so it cannot be ranked; a margin below 1.0 needs a gap on every non-abstained pair.",
                    nameof(pairs));
            }

            scored++;
        }

        return scored;
    }

    /// <summary>
    /// Finds the gap of the k-th largest non-abstained pair and how many pairs exactly on it are kept.
    /// </summary>
    private static (double Threshold, int QuotaAtThreshold) FindCut(ReadOnlySpan<ScoredPair> pairs, int scored, int keep)
    {
        double[] buffer = ArrayPool<double>.Shared.Rent(scored);
        try
        {
            var gaps = buffer.AsSpan(0, scored);
            int n = 0;
            foreach (ref readonly var pair in pairs)
            {
                if (pair.Predicted != PairPrediction.Abstained)
                {
                    gaps[n++] = pair.Gap!.Value;
                }
            }

            // The k-th largest is the (n - k)-th smallest; everything at indices above it after
            // selection is >= it, but counting strictly-greater gaps needs one more pass.
            double threshold = Selection.KthSmallest(gaps, scored - keep);
            int above = 0;
            foreach (double gap in gaps)
            {
                if (gap > threshold)
                {
                    above++;
                }
            }

            return (threshold, keep - above);
        }
        finally
        {
            // Stryker disable once Statement : returning the rented array to the pool saves an allocation later; no result depends on it.
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
