using System.Globalization;

namespace WrongOverWrong.Metrics.Pairs;

/// <summary>
/// A margin filter of the paper: keep the given fraction of the non-abstained pairs with the largest
/// score gap, pooled across all questions of a set (M_100 keeps all). The one type for a margin:
/// Acc_WoW, its bootstrap and Core's verdict filter all take it.
/// </summary>
public sealed record Margin
{
    /// <summary>M_100: keep every pair.</summary>
    public static Margin M100 { get; } = new(1.0, "M_100");

    /// <summary>M_50: keep the half of the pairs with the largest gaps.</summary>
    public static Margin M50 { get; } = new(0.5, "M_50");

    /// <summary>M_10: keep the tenth of the pairs with the largest gaps (the paper's best setting).</summary>
    public static Margin M10 { get; } = new(0.1, "M_10");

    /// <summary>The paper's three margins, M_100, M_50 and M_10.</summary>
    public static IReadOnlyList<Margin> Paper { get; } = [M100, M50, M10];

    /// <summary>Initializes a margin.</summary>
    /// <param name="keptFraction">The fraction of non-abstained pairs kept, in (0, 1].</param>
    /// <param name="name">The label in reports; <c>M_</c> and the percentage (for example <c>M_40</c>) when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="keptFraction"/> is outside (0, 1] or NaN.</exception>
    public Margin(double keptFraction, string? name = null)
    {
        if (!(keptFraction > 0.0 && keptFraction <= 1.0))
        {
            throw new ArgumentException($"A margin's kept fraction must lie in (0, 1], got {keptFraction}.", nameof(keptFraction));
        }

        KeptFraction = keptFraction;
        Name = name ?? string.Create(CultureInfo.InvariantCulture, $"M_{keptFraction * 100:0.##}");
    }

    /// <summary>The label in reports (<c>M_100</c>, <c>M_50</c>, <c>M_10</c>).</summary>
    public string Name { get; }

    /// <summary>The fraction of non-abstained pairs kept, in (0, 1].</summary>
    public double KeptFraction { get; }

    /// <summary>Whether the filter keeps every pair (so it applies to pairwise verdicts, which have no gap).</summary>
    public bool KeepsAll => KeptFraction >= 1.0;

    /// <inheritdoc />
    public override string ToString() => Name;
}
