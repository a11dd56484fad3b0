using System.Globalization;
using WrongOverWrong.ElicitorComparison.Comparison;

namespace WrongOverWrong.ElicitorComparison.Reporting;

/// <summary>The table cells the console and Markdown share, so both print the same numbers.</summary>
public static class Cells
{
    /// <summary>The column headers of the per-margin table.</summary>
    public static IReadOnlyList<string> MarginHeader { get; } =
        ["elicitor", "margin", "Acc_WoW", "95% CI", "excl. ties", "kept", "share kept", "ties", "abstained", "calls/kept", "tokens/kept", "wall s"];

    /// <summary>One per-margin row as text; a margin that does not apply prints n/a.</summary>
    /// <param name="outcome">The elicitor's outcome.</param>
    /// <param name="row">One of its margins.</param>
    public static IReadOnlyList<string> MarginCells(ElicitorOutcome outcome, MarginRow row)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(row);
        var wall = Number(outcome.WallSeconds, "0.00");
        if (!row.Applicable)
        {
            return [outcome.Elicitor, row.Margin, "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", Int(row.Abstentions), "n/a", "n/a", wall];
        }

        return
        [
            outcome.Elicitor,
            row.Margin,
            Number(row.AccWow, "0.000"),
            Interval(row.CiLower, row.CiUpper),
            Number(row.AccWowExcludingTies, "0.000"),
            Int(row.Kept),
            Number(row.ShareKept, "0.00"),
            Int(row.Ties),
            Int(row.Abstentions),
            Number(row.CallsPerKeptPair, "0.00"),
            Number(row.TokensPerKeptPair, "0.0"),
            wall,
        ];
    }

    /// <summary>"ρ (p, n)" of a gap correlation, or "n/a (why)".</summary>
    /// <param name="correlation">The correlation.</param>
    public static string Correlation(GapCorrelation correlation)
    {
        ArgumentNullException.ThrowIfNull(correlation);
        return double.IsNaN(correlation.Coefficient)
            ? $"n/a ({correlation.Note})"
            : string.Create(CultureInfo.InvariantCulture, $"{correlation.Coefficient:0.000} (p {(correlation.PValue < 0.001 ? "< 0.001" : correlation.PValue.ToString("0.000", CultureInfo.InvariantCulture))}, n {correlation.Count})");
    }

    /// <summary>"0.812 (n 120)" for an agreement cell, "-" when the two decided no pair in common.</summary>
    /// <param name="agreement">The agreement.</param>
    public static string Agreement(PairAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return agreement.BothDecided == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{agreement.Rate:0.000} (n {agreement.BothDecided})");
    }

    /// <summary>A number in invariant culture, "-" for NaN.</summary>
    /// <param name="value">The value.</param>
    /// <param name="format">The format.</param>
    public static string Number(double value, string format) =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"[0.55, 0.67]", or "-" without an interval.</summary>
    /// <param name="lower">Lower bound.</param>
    /// <param name="upper">Upper bound.</param>
    public static string Interval(double lower, double upper) =>
        double.IsNaN(lower) ? "-" : string.Create(CultureInfo.InvariantCulture, $"[{lower:0.000}, {upper:0.000}]");

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
