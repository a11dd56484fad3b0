using System.Buffers;

namespace WrongOverWrong.Metrics;

/// <summary>
/// Acc_WoW: the share of (margin-kept) wrong-over-wrong pairs whose predicted order matches the
/// oracle's. Random guessing scores 0.5.
/// </summary>
public static class AccWoW
{
    // Margins such as 0.1 are not exact in binary, so 0.1 * 30 is 3.0000000000000004; values this
    // close to an integer count as that integer instead of rounding up to keep one extra pair.
    private const double IntegerTolerance = 1e-9;

    /// <summary>
    /// Computes Acc_WoW over <paramref name="pairs"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Abstentions are counted and set aside first: they never enter the margin ranking or the
    /// denominator. The margin then keeps k = ⌈Margin · n⌉ of the n remaining pairs (at least one),
    /// those with the largest gaps, pooled across all questions. Pairs tied on the gap at the cut are
    /// kept in input order (earlier pairs first), so the result is deterministic for a given order.
    /// Predicted ties stay in the ranking with their gap (0 for score ties) and are then scored by
    /// <see cref="AccWoWOptions.TiePolicy"/>.
    /// </para>
    /// <para>Selection is a linear-time quickselect of the k-th largest gap (O(n log n) worst case), not a sort.</para>
    /// </remarks>
    /// <param name="pairs">The judged pairs. Must not be empty.</param>
    /// <param name="options">Margin and tie policy; <see cref="AccWoWOptions.M100"/> semantics when <see langword="null"/>.</param>
    /// <returns>The accuracy with all counts behind it.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="pairs"/> is empty, holds an undefined prediction or gold value, a NaN, negative
    /// or infinite gap, or lacks a gap on a non-abstained pair while Margin &lt; 1;
    /// or <paramref name="options"/> has a margin outside (0, 1] or an undefined tie policy.
    /// </exception>
    public static AccWoWResult Compute(ReadOnlySpan<ScoredPair> pairs, AccWoWOptions? options = null)
    {
        options ??= AccWoWOptions.M100;
        double margin = options.Margin;
        if (!(margin > 0.0 && margin <= 1.0))
        {
            throw new ArgumentException($"Margin must lie in (0, 1], got {margin}.", nameof(options));
        }

        if (!Enum.IsDefined(options.TiePolicy))
        {
            throw new ArgumentException($"Unknown tie policy {options.TiePolicy}.", nameof(options));
        }

        Guard.NotEmpty(pairs.Length, nameof(pairs));
        bool filter = margin < 1.0;
        int scored = Validate(pairs, filter);
        int abstentions = pairs.Length - scored;

        double threshold = double.NegativeInfinity;
        int quotaAtThreshold = int.MaxValue;
        if (filter && scored > 0)
        {
            int keep = KeepCount(scored, margin);
            (threshold, quotaAtThreshold) = FindCut(pairs, scored, keep);
        }

        int kept = 0;
        int correct = 0;
        int ties = 0;
        foreach (ref readonly var pair in pairs)
        {
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

            kept++;
            if (pair.Predicted == PairPrediction.Tie)
            {
                ties++;
            }
            else if (pair.IsCorrect)
            {
                correct++;
            }
        }

        int denominator = options.TiePolicy == TiePolicy.Exclude ? kept - ties : kept;
        double accuracy = denominator == 0 ? double.NaN : (double)correct / denominator;
        return new AccWoWResult(accuracy, kept, correct, ties, abstentions, pairs.Length, options.TiePolicy);
    }

    /// <summary>The number of pairs a margin keeps out of <paramref name="count"/>: ⌈margin · count⌉, at least 1.</summary>
    /// <param name="count">The number of non-abstained pairs.</param>
    /// <param name="margin">The margin, in (0, 1].</param>
    /// <returns>The number of pairs kept, between 1 and <paramref name="count"/> (0 only when <paramref name="count"/> is 0).</returns>
    /// <exception cref="ArgumentException">A negative count or a margin outside (0, 1].</exception>
    public static int KeepCount(int count, double margin)
    {
        if (count < 0)
        {
            throw new ArgumentException($"Count must not be negative, got {count}.", nameof(count));
        }

        if (!(margin > 0.0 && margin <= 1.0))
        {
            throw new ArgumentException($"Margin must lie in (0, 1], got {margin}.", nameof(margin));
        }

        if (count == 0)
        {
            return 0;
        }

        double exact = margin * count;
        double nearest = Math.Round(exact);
        double keep = Math.Abs(exact - nearest) <= IntegerTolerance * Math.Max(1.0, exact) ? nearest : Math.Ceiling(exact);
        return (int)Math.Clamp(keep, 1.0, count);
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

            if (pair.Gap is { } gap && !(gap >= 0.0 && double.IsFinite(gap)))
            {
                throw new ArgumentException($"pairs[{i}].Gap is {gap}; a gap |s1 - s2| must be finite and non-negative.", nameof(pairs));
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
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
