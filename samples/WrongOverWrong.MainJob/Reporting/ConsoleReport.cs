using System.Globalization;
using Spectre.Console;

namespace WrongOverWrong.MainJob.Reporting;

/// <summary>Prints the report as tables (Spectre.Console; plain text when output is redirected).</summary>
public static class ConsoleReport
{
    /// <summary>Writes the tables, notes and verdict.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="report">The report.</param>
    /// <param name="folder">The run folder, named at the end.</param>
    public static void Write(IAnsiConsole console, MainJobReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.Write(new Rule("[bold]Acc_WoW per elicitor and margin[/]").LeftJustified());
        var acc = NewTable("elicitor", "margin", "Acc_WoW [95% CI]", "kept", "ties", "abstained");
        foreach (var r in report.AccWow)
        {
            acc.AddRow(Cell(r.Elicitor), Cell(r.Margin), Cell(r.AccWow.Format()), Cell(Count(r.Kept)), Cell(Count(r.Ties)), Cell(Count(r.Abstained)));
        }

        acc.Caption("ties count as misses; chance = 0.5");
        console.Write(acc);

        console.Write(new Rule("[bold]Arms: p_wrong (higher = less wrong), Acc, ECE (lower = better calibrated)[/]").LeftJustified());
        var arms = NewTable("questions", "arm", "answers", "parsable", "p_wrong", "Acc", "ECE", "mean conf", "Δ p_wrong", "Δ Acc", "Δ ECE");
        foreach (var r in report.Arms)
        {
            arms.AddRow(
                Cell(r.EvaluationSet),
                r.Collapsed ? new Markup($"[red]{Markup.Escape(r.Arm)} (collapsed)[/]") : Cell(r.Arm),
                Cell(Count(r.Answers)),
                Cell(ReportFormat.Share(r.Parsable)),
                Cell(r.PWrong.Format()),
                Cell(r.Accuracy.Format()),
                Cell(r.Ece.Format()),
                Cell(r.MeanConfidence?.Format() ?? "-"),
                Cell(ReportFormat.Delta(r.DeltaPWrong)),
                Cell(ReportFormat.Delta(r.DeltaAccuracy)),
                Cell(ReportFormat.Delta(r.DeltaEce)));
        }

        arms.Caption("95% bootstrap CIs; deltas are to base on the same questions; when every answer has a confidence and every bin is overconfident, ECE = mean conf - Acc");
        console.Write(arms);

        var controlled = report.Arms.Where(r => r.RandomDeltaPWrong is not null).ToList();
        if (controlled.Count > 0)
        {
            console.Write(new Rule("[bold]Aligned arms minus their random-preference control[/]").LeftJustified());
            var vsRandom = NewTable("questions", "arm", "Δ p_wrong", "Δ Acc", "Δ ECE");
            foreach (var r in controlled)
            {
                vsRandom.AddRow(Cell(r.EvaluationSet), Cell(r.Arm), Cell(ReportFormat.Delta(r.RandomDeltaPWrong)), Cell(ReportFormat.Delta(r.RandomDeltaAccuracy)), Cell(ReportFormat.Delta(r.RandomDeltaEce)));
            }

            vsRandom.Caption("paired 95% bootstrap CIs on the same questions; same answers and steps, only the pair order differs");
            console.Write(vsRandom);
        }

        foreach (var (title, values) in new[] { ("Counts", report.Counts), ("Parsable shares", report.ParsableShares), ("Model selection", report.ModelSelection), ("Timings", report.Timings) })
        {
            if (values.Count == 0)
            {
                continue;
            }

            console.Write(new Rule($"[bold]{title}[/]").LeftJustified());
            var table = NewTable(string.Empty, string.Empty, "value");
            foreach (var v in values)
            {
                table.AddRow(Cell(v.Group), Cell(v.Name), Cell(ReportFormat.Value(v)));
            }

            console.Write(table);
        }

        foreach (string note in report.Notes)
        {
            console.MarkupLine($"[yellow]Note:[/] {Markup.Escape(note)}");
        }

        console.MarkupLine($"[bold]Verdict:[/] {Markup.Escape(report.Verdict)}");
        console.MarkupLine($"Report (JSON, Markdown, PNG) in [blue]{Markup.Escape(folder)}[/]");
    }

    private static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (int i = 0; i < columns.Length; i++)
        {
            var column = new TableColumn(Markup.Escape(columns[i]));
            table.AddColumn(i < 2 ? column : column.RightAligned());
        }

        return table;
    }

    private static Markup Cell(string text) => new(Markup.Escape(text));

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
