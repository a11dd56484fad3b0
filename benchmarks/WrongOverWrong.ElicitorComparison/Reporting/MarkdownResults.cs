using System.Globalization;
using System.Text;
using WrongOverWrong.ElicitorComparison.Comparison;

namespace WrongOverWrong.ElicitorComparison.Reporting;

/// <summary>The comparison as a Markdown page: how it was run, then the same tables as the console, per dataset.</summary>
public static class MarkdownResults
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    /// <param name="report">The comparison.</param>
    /// <param name="charts">Chart file names per dataset (linked under each block).</param>
    public static string Render(ComparisonReport report, IReadOnlyDictionary<string, string> charts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(charts);
        var b = new StringBuilder();
        b.Append("# Elicitor comparison\n\n");
        b.Append(CultureInfo.InvariantCulture, $"- command: `{report.Command}`\n");
        b.Append(CultureInfo.InvariantCulture, $"- date: {report.Date.UtcDateTime:yyyy-MM-dd HH:mm} UTC\n");
        b.Append(CultureInfo.InvariantCulture, $"- machine: {report.Machine}\n");
        b.Append(CultureInfo.InvariantCulture, $"- answer sets: {report.Input}\n");
        b.Append(CultureInfo.InvariantCulture, $"- judge: {report.Judge}\n");
        b.Append(CultureInfo.InvariantCulture, $"- Acc_WoW counts ties as misses (the paper's rule; \"excl. ties\" drops them); 95% CI: percentile bootstrap over questions, {report.BootstrapResamples} resamples, seed {report.Seed}\n");
        b.Append(CultureInfo.InvariantCulture, $"- gap correlation: {report.CorrelationMethod}'s ρ between the elicitor's score gap |s1 - s2| and the oracle's proxy gap |cor1 - cor2| (cor = the paper's p(a|q) in [0, 1]), over the pairs it scored\n");
        b.Append("- agreement: share of pairs two elicitors order the same way, over the pairs both decided (ties and abstentions decide nothing); the diagonal counts the pairs each decided\n");
        foreach (var note in report.Notes)
        {
            b.Append(CultureInfo.InvariantCulture, $"- note: {note}\n");
        }

        foreach (var d in report.Datasets)
        {
            b.Append(CultureInfo.InvariantCulture, $"\n## {d.Dataset}\n\n");
            b.Append(CultureInfo.InvariantCulture, $"`{d.Source}`: {d.Questions} questions, {d.Candidates} answers ({d.UnparsableCandidates} unparsable), {d.Pairs} wrong-over-wrong pairs.\n\n");
            if (d.Pairs == 0)
            {
                b.Append("No wrong-over-wrong pairs: nothing to compare.\n");
                continue;
            }

            Table(b, Cells.MarginHeader, d.Elicitors.SelectMany(o => o.Margins.Select(r => Cells.MarginCells(o, r))), leftColumns: 2);
            var names = d.Elicitors.Select(e => e.Elicitor).ToList();
            b.Append('\n');
            Table(
                b,
                [.. new[] { "agreement" }.Concat(names).Append($"{GapCorrelation.Method} ρ gap vs oracle gap")],
                d.Elicitors.Select(o => (IReadOnlyList<string>)[
                    o.Elicitor,
                    .. names.Select(other => Cells.Agreement(d.Agreement.First(a => a.First == o.Elicitor && a.Second == other))),
                    Cells.Correlation(o.GapCorrelation)]),
                leftColumns: 1);
            if (charts.TryGetValue(d.Dataset, out var chart))
            {
                b.Append(CultureInfo.InvariantCulture, $"\n![Acc_WoW on {d.Dataset}]({chart})\n");
            }
        }

        return b.ToString();
    }

    private static void Table(StringBuilder b, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int leftColumns)
    {
        b.Append("| ").AppendJoin(" | ", header).Append(" |\n|");
        for (var i = 0; i < header.Count; i++)
        {
            b.Append(i < leftColumns ? "---|" : "---:|");
        }

        b.Append('\n');
        foreach (var row in rows)
        {
            b.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        }
    }
}
