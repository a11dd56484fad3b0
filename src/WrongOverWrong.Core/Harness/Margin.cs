namespace WrongOverWrong.Harness;

/// <summary>
/// A margin filter of the paper: keep the given share of pairs with the largest score gap, pooled
/// across all questions of a set (M_100 keeps all).
/// </summary>
/// <param name="Name">The label in reports (<c>M_100</c>, <c>M_50</c>, <c>M_10</c>).</param>
/// <param name="KeepFraction">The share of non-abstained pairs kept, in (0, 1].</param>
public sealed record Margin(string Name, double KeepFraction)
{
    /// <summary>Keep every pair.</summary>
    public static Margin M100 { get; } = new("M_100", 1.0);

    /// <summary>Keep the half of the pairs with the largest gap.</summary>
    public static Margin M50 { get; } = new("M_50", 0.5);

    /// <summary>Keep the tenth of the pairs with the largest gap.</summary>
    public static Margin M10 { get; } = new("M_10", 0.1);

    /// <summary>The paper's three margins.</summary>
    public static IReadOnlyList<Margin> Paper { get; } = [M100, M50, M10];

    /// <summary>Whether the filter keeps everything (so it applies to pairwise verdicts, which have no gap).</summary>
    public bool KeepsAll => KeepFraction >= 1.0;
}
