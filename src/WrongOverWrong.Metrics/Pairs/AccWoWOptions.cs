namespace WrongOverWrong.Metrics.Pairs;

/// <summary>Options for <see cref="AccWoW.Compute(ReadOnlySpan{ScoredPair}, AccWoWOptions?)"/>; defaults follow the paper.</summary>
public sealed record AccWoWOptions
{
    /// <summary>
    /// The margin filter: which share of the non-abstained pairs to keep, ranked by gap and pooled
    /// across all questions. <see cref="Margin.M100"/> (the default) keeps all pairs and needs no
    /// gaps; anything smaller needs a gap on every non-abstained pair.
    /// </summary>
    public Margin Margin { get; init; } = Margin.M100;

    /// <summary>How predicted ties are scored; the paper's rule (count as a miss) by default.</summary>
    public TiePolicy TiePolicy { get; init; } = TiePolicy.CountAsMiss;
}
