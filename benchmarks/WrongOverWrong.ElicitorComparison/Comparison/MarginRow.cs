using WrongOverWrong.Harness;

namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>One elicitor at one margin on one dataset: the harness's report plus the share of pairs kept.</summary>
/// <param name="Margin">M_100, M_50 or M_10.</param>
/// <param name="Applicable">False for M_50 / M_10 of a pairwise method (no score gap to rank by).</param>
/// <param name="AccWow">Correct / kept, ties counted as misses (the paper's rule); NaN when nothing was kept.</param>
/// <param name="CiLower">Lower bound of the 95% percentile bootstrap over questions.</param>
/// <param name="CiUpper">Upper bound of that interval.</param>
/// <param name="AccWowExcludingTies">Correct / (kept - ties).</param>
/// <param name="Pairs">Wrong-over-wrong pairs given to the elicitor.</param>
/// <param name="Kept">Pairs the margin kept (never abstentions).</param>
/// <param name="ShareKept">Kept / pairs.</param>
/// <param name="Ties">Kept pairs scored equal.</param>
/// <param name="Abstentions">Pairs without a verdict.</param>
/// <param name="CallsPerKeptPair">Model calls for the whole dataset / kept pairs.</param>
/// <param name="TokensPerKeptPair">Input plus output tokens for the whole dataset / kept pairs.</param>
public sealed record MarginRow(
    string Margin,
    bool Applicable,
    double AccWow,
    double CiLower,
    double CiUpper,
    double AccWowExcludingTies,
    int Pairs,
    int Kept,
    double ShareKept,
    int Ties,
    int Abstentions,
    double CallsPerKeptPair,
    double TokensPerKeptPair)
{
    /// <summary>The row of one harness report.</summary>
    /// <param name="report">The harness's report for one (elicitor, margin).</param>
    public static MarginRow From(ElicitationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new MarginRow(
            report.Margin,
            report.Applicable,
            report.AccWow,
            report.CiLower,
            report.CiUpper,
            report.AccWowExcludingTies,
            report.Pairs,
            report.KeptPairs,
            report.Pairs == 0 ? double.NaN : (double)report.KeptPairs / report.Pairs,
            report.Ties,
            report.Abstentions,
            report.CallsPerKeptPair,
            report.KeptPairs == 0 ? double.NaN : (double)(report.InputTokens + report.OutputTokens) / report.KeptPairs);
    }
}
