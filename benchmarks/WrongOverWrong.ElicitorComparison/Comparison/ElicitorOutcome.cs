namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>One elicitor on one dataset: its rows per margin, wall time and gap correlation.</summary>
/// <param name="Elicitor">The elicitor's name.</param>
/// <param name="WallSeconds">Seconds to elicit every pair and summarise (bootstrap included).</param>
/// <param name="Calls">Model calls it made for the dataset (0 for the offline methods).</param>
/// <param name="Tokens">Input plus output tokens of those calls.</param>
/// <param name="Margins">One row per margin (M_100, M_50, M_10).</param>
/// <param name="GapCorrelation">Spearman's ρ of its score gap with the oracle's proxy gap.</param>
public sealed record ElicitorOutcome(string Elicitor, double WallSeconds, long Calls, long Tokens, IReadOnlyList<MarginRow> Margins, GapCorrelation GapCorrelation);
