using WrongOverWrong.ElicitorComparison.Comparison;
using WrongOverWrong.MainJob.Reporting;

namespace WrongOverWrong.ElicitorComparison.Reporting;

/// <summary>
/// One PNG per dataset: Acc_WoW per elicitor and margin with the CI as error bars and chance as a
/// dashed line (the main job's chart, fed with the comparison's rows).
/// </summary>
public static class AccWowChart
{
    /// <summary>Writes the charts into <paramref name="folder"/>; returns the file name per dataset.</summary>
    /// <param name="report">The comparison.</param>
    /// <param name="folder">The results folder.</param>
    public static IReadOnlyDictionary<string, string> Write(ComparisonReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(report);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in report.Datasets.Where(d => d.Pairs > 0))
        {
            // Margins that do not apply (a pairwise judge at M_50 / M_10) would draw as zero bars.
            var rows = d.Elicitors
                .SelectMany(o => o.Margins.Where(m => m.Applicable).Select(m => new AccWowRow(o.Elicitor, m.Margin, new Estimate(m.AccWow, m.CiLower, m.CiUpper), m.Kept, m.Ties, m.Abstentions)))
                .ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var plot = ReportCharts.AccWow(rows);
            plot.Title($"Acc_WoW on {d.Dataset} ({d.Pairs} pairs, 95% CI over questions)");
            var name = "acc-wow-" + Safe(d.Dataset) + ".png";
            plot.SavePng(Path.Combine(folder, name), 1100, 560);
            files[d.Dataset] = name;
        }

        return files;
    }

    private static string Safe(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
