using System.Globalization;
using System.Text;

namespace WrongOverWrong.MainJob.Reporting;

/// <summary>The report as a Markdown page (report.md in the run folder), charts linked by file name.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the page.</summary>
    /// <param name="report">The report.</param>
    /// <param name="charts">File names of the charts, shown as images.</param>
    public static string Render(MainJobReport report, IReadOnlyList<string> charts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(charts);
        var md = new StringBuilder();
        md.AppendLine("# WrongOverWrong main job report").AppendLine();
        md.Append("**Verdict.** ").AppendLine(report.Verdict).AppendLine();
        foreach (string note in report.Notes)
        {
            md.Append("- ").AppendLine(note);
        }

        md.AppendLine().AppendLine("## Settings").AppendLine();
        Table(md, ["setting", "value"], report.Settings.Select(s => new[] { s.Key, s.Value }));

        md.AppendLine().AppendLine("## Acc_WoW per elicitor and margin").AppendLine();
        md.AppendLine("Share of kept wrong-over-wrong pairs ordered as the oracle orders them; ties count as misses; 95% bootstrap CI. Chance is 0.5.").AppendLine();
        Table(md, ["elicitor", "margin", "Acc_WoW [95% CI]", "kept", "ties", "abstained"], report.AccWow.Select(r => new[]
        {
            r.Elicitor, r.Margin, r.AccWow.Format(), Count(r.Kept), Count(r.Ties), Count(r.Abstained),
        }));

        md.AppendLine().AppendLine("## Arms: p_wrong, Acc, ECE").AppendLine();
        md.AppendLine("p_wrong: mean oracle proxy of wrong answers (higher = less wrong). ECE: 10 bins, confidence = exp(mean token log-prob) (lower = better); when every answer has a confidence and every bin is overconfident, ECE is mean conf minus Acc. Deltas are to the base model on the same questions.").AppendLine();
        Table(md, ["questions", "arm", "kind", "answers", "parsable", "p_wrong", "Acc", "ECE", "mean conf", "Δ p_wrong", "Δ Acc", "Δ ECE", "note"], report.Arms.Select(r => new[]
        {
            r.EvaluationSet, r.Arm, r.Kind, Count(r.Answers), ReportFormat.Share(r.Parsable), r.PWrong.Format(), r.Accuracy.Format(), r.Ece.Format(), r.MeanConfidence?.Format() ?? "-",
            ReportFormat.Delta(r.DeltaPWrong), ReportFormat.Delta(r.DeltaAccuracy), ReportFormat.Delta(r.DeltaEce), r.Collapsed ? "collapsed" : string.Empty,
        }));

        var controlled = report.Arms.Where(r => r.RandomDeltaPWrong is not null).ToList();
        if (controlled.Count > 0)
        {
            md.AppendLine().AppendLine("## Aligned arms vs their random-preference control").AppendLine();
            md.AppendLine("The arm minus its control on the same questions (paired 95% bootstrap CI). Both trained on the same answers for the same steps; only the order of each pair differs, so this is what the preferences bought beyond the extra training.").AppendLine();
            Table(md, ["questions", "arm", "Δ p_wrong", "Δ Acc", "Δ ECE"], controlled.Select(r => new[]
            {
                r.EvaluationSet, r.Arm, ReportFormat.Delta(r.RandomDeltaPWrong), ReportFormat.Delta(r.RandomDeltaAccuracy), ReportFormat.Delta(r.RandomDeltaEce),
            }));
        }

        Section(md, "Counts", report.Counts);
        Section(md, "Parsable shares", report.ParsableShares);
        Section(md, "Model selection", report.ModelSelection);
        Section(md, "Timings", report.Timings);
        if (charts.Count > 0)
        {
            md.AppendLine().AppendLine("## Charts").AppendLine();
            foreach (string chart in charts)
            {
                md.Append("![").Append(Path.GetFileNameWithoutExtension(chart)).Append("](").Append(chart).AppendLine(")").AppendLine();
            }
        }

        return md.ToString();
    }

    private static void Section(StringBuilder md, string title, IReadOnlyList<NamedValue> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        md.AppendLine().Append("## ").AppendLine(title).AppendLine();
        Table(md, ["", "", "value"], values.Select(v => new[] { v.Group, v.Name, ReportFormat.Value(v) }));
    }

    private static void Table(StringBuilder md, string[] header, IEnumerable<string[]> rows)
    {
        md.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        md.Append('|').AppendJoin("|", header.Select(_ => "---")).AppendLine("|");
        foreach (string[] row in rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
