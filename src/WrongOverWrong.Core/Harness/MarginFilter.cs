using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Harness;

/// <summary>
/// Applies a <see cref="Margin"/> to verdicts, pooled across questions, and returns the verdicts
/// kept (for example to build training preferences from the score judge at M_10). The selection is
/// Metrics' own <see cref="AccWoW.KeptPairs"/>, so it keeps exactly the pairs that
/// <see cref="AccWoW.Compute(ReadOnlySpan{ScoredPair}, AccWoWOptions?)"/> scores.
/// </summary>
public static class MarginFilter
{
    /// <summary>
    /// The kept verdicts, in input order. Abstentions are never kept (the paper drops inconsistent
    /// pairs and null batches). Ties are kept and count as misses. Below 100%, the
    /// <see cref="AccWoW.KeepCount"/> = ceil(fraction x n) verdicts with the largest gap are kept,
    /// pooled over all questions (an infinite gap ranks first); verdicts with equal gaps at the cut
    /// are kept in canonical order (question id, then sample indices), as the harness's reports do,
    /// so the result does not depend on the order answer sets arrived in. Returns
    /// <see langword="null"/> when the margin needs gaps and some verdict has none (pairwise methods
    /// support M_100 only).
    /// </summary>
    /// <param name="verdicts">All verdicts of one method over a question set.</param>
    /// <param name="margin">The margin.</param>
    public static IReadOnlyList<PairVerdict>? Apply(IReadOnlyList<PairVerdict> verdicts, Margin margin)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(margin);
        if (!margin.KeepsAll && verdicts.Any(v => v.Predicted != PairPrediction.Abstained && v.Gap is null))
        {
            return null;
        }

        // Canonical order breaks gap ties at the cut, as the harness's reports do.
        var canonical = CanonicalPairOrder.Positions(verdicts);
        var scored = canonical.Select(i => verdicts[i].ToScoredPair()).ToArray();
        var kept = AccWoW.KeptPairs(scored, margin);
        var keptPositions = new bool[verdicts.Count];
        for (var r = 0; r < canonical.Length; r++)
        {
            keptPositions[canonical[r]] = kept[r];
        }

        return verdicts.Where((_, i) => keptPositions[i]).ToList();
    }
}
