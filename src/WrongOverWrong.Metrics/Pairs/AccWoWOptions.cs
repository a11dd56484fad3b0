namespace WrongOverWrong.Metrics;

/// <summary>Options for <see cref="AccWoW.Compute(ReadOnlySpan{ScoredPair}, AccWoWOptions?)"/>; defaults follow the paper.</summary>
public sealed record AccWoWOptions
{
    /// <summary>M_100: keep every pair.</summary>
    public static AccWoWOptions M100 { get; } = new() { Margin = 1.0 };

    /// <summary>M_50: keep the half of the pairs with the largest gaps.</summary>
    public static AccWoWOptions M50 { get; } = new() { Margin = 0.5 };

    /// <summary>M_10: keep the tenth of the pairs with the largest gaps (the paper's best setting).</summary>
    public static AccWoWOptions M10 { get; } = new() { Margin = 0.1 };

    /// <summary>
    /// The share of non-abstained pairs to keep, in (0, 1], ranked by gap and pooled across all
    /// questions. 1.0 (M_100, the default) keeps all pairs and needs no gaps; anything smaller needs a
    /// gap on every non-abstained pair.
    /// </summary>
    public double Margin { get; init; } = 1.0;

    /// <summary>How predicted ties are scored; the paper's rule (count as a miss) by default.</summary>
    public TiePolicy TiePolicy { get; init; } = TiePolicy.CountAsMiss;
}
