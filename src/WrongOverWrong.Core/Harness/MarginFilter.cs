namespace WrongOverWrong.Harness;

/// <summary>Applies a <see cref="Margin"/> to verdicts, pooled across questions.</summary>
public static class MarginFilter
{
    /// <summary>
    /// The kept verdicts: abstentions are never kept (the paper drops inconsistent pairs and null
    /// batches); ties are kept and count as misses. For a margin below 100%, the
    /// ceil(fraction x n) verdicts with the largest gap are kept, pooled over all questions; verdicts
    /// with equal gaps at the cut are chosen by a seeded shuffle, so that input order cannot bias the
    /// choice. Returns <see langword="null"/> when the margin needs gaps and some verdict has none
    /// (pairwise methods support M_100 only).
    /// </summary>
    /// <param name="verdicts">All verdicts of one method over a question set.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="seed">Seed of the tie-break at the cut (default 42).</param>
    public static IReadOnlyList<PairVerdict>? Apply(IReadOnlyList<PairVerdict> verdicts, Margin margin, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(margin);
        if (margin.KeepFraction is <= 0 or > 1 || double.IsNaN(margin.KeepFraction))
        {
            throw new ArgumentException($"Margin '{margin.Name}' has KeepFraction {margin.KeepFraction}; it must be in (0, 1].", nameof(margin));
        }

        var candidates = verdicts.Where(v => v.Verdict != VerdictKind.Abstained).ToList();
        if (margin.KeepsAll)
        {
            return candidates;
        }

        if (candidates.Any(v => v.Gap is null))
        {
            return null;
        }

        var keep = (int)Math.Ceiling(margin.KeepFraction * candidates.Count);
        var random = new Random(seed);
        var tieBreak = candidates.Select(_ => random.Next()).ToArray();
        return candidates
            .Select((v, i) => (Verdict: v, Key: tieBreak[i]))
            .OrderByDescending(x => x.Verdict.Gap!.Value)
            .ThenBy(x => x.Key)
            .Take(keep)
            .Select(x => x.Verdict)
            .ToList();
    }
}
