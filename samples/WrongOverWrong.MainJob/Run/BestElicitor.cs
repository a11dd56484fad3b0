using WrongOverWrong.Harness;

namespace WrongOverWrong.MainJob.Run;

/// <summary>Picks the elicitor whose preferences the "best" arm trains on.</summary>
public static class BestElicitor
{
    /// <summary>
    /// The elicitor with the highest Acc_WoW at <paramref name="margin"/> among <paramref name="candidates"/>
    /// (ties broken by the higher lower CI bound, then by name), or null when none was measured.
    /// </summary>
    /// <param name="reports">Phase 1's Acc_WoW reports.</param>
    /// <param name="margin">The margin label, e.g. M_50.</param>
    /// <param name="candidates">Elicitor names allowed.</param>
    public static ElicitationReport? Pick(IEnumerable<ElicitationReport> reports, string margin, IReadOnlyCollection<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return reports
            .Where(r => r.Applicable && r.Margin == margin && candidates.Contains(r.Elicitor) && r.KeptPairs > 0 && !double.IsNaN(r.AccWow))
            .OrderByDescending(r => r.AccWow)
            .ThenByDescending(r => double.IsNaN(r.CiLower) ? double.NegativeInfinity : r.CiLower)
            .ThenBy(r => r.Elicitor, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
