using WrongOverWrong.Metrics;

namespace WrongOverWrong.Harness;

/// <summary>
/// Applies a <see cref="Margin"/> to verdicts, pooled across questions, and returns the verdicts
/// kept (for example to build training preferences from the score judge at M_10). It keeps exactly
/// the pairs that <see cref="AccWoW.Compute(ReadOnlySpan{ScoredPair}, AccWoWOptions?)"/> scores.
/// </summary>
public static class MarginFilter
{
    /// <summary>
    /// The kept verdicts, in input order. Abstentions are never kept (the paper drops inconsistent
    /// pairs and null batches). Ties are kept and count as misses. Below 100%, the
    /// <see cref="AccWoW.KeepCount"/> = ceil(fraction x n) verdicts with the largest gap are kept,
    /// pooled over all questions; verdicts with equal gaps at the cut are kept in canonical order
    /// (question id, then sample indices), as the harness's reports do, so the result does not
    /// depend on the order answer sets arrived in. Returns <see langword="null"/> when the margin needs gaps and some verdict has
    /// none (pairwise methods support M_100 only).
    /// </summary>
    /// <param name="verdicts">All verdicts of one method over a question set.</param>
    /// <param name="margin">The margin.</param>
    public static IReadOnlyList<PairVerdict>? Apply(IReadOnlyList<PairVerdict> verdicts, Margin margin)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(margin);
        if (!(margin.KeepFraction > 0 && margin.KeepFraction <= 1))
        {
            throw new ArgumentException($"Margin '{margin.Name}' has KeepFraction {margin.KeepFraction}; it must be in (0, 1].", nameof(margin));
        }

        // Canonical rank breaks gap ties at the cut, as the harness's reports do.
        var rank = new int[verdicts.Count];
        var canonical = CanonicalPairOrder.Positions(verdicts);
        for (var r = 0; r < canonical.Length; r++)
        {
            rank[canonical[r]] = r;
        }

        var candidates = verdicts
            .Select((v, i) => (Verdict: v, Position: i))
            .Where(x => x.Verdict.Predicted != PairPrediction.Abstained)
            .ToList();
        if (margin.KeepsAll)
        {
            return candidates.Select(x => x.Verdict).ToList();
        }

        if (candidates.Any(x => x.Verdict.Gap is null))
        {
            return null;
        }

        var keep = AccWoW.KeepCount(candidates.Count, margin.KeepFraction);
        return candidates
            .OrderByDescending(x => x.Verdict.Gap!.Value)
            .ThenBy(x => rank[x.Position])
            .Take(keep)
            .OrderBy(x => x.Position)
            .Select(x => x.Verdict)
            .ToList();
    }
}
