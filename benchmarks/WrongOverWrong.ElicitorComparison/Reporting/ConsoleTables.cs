using System.Globalization;
using Spectre.Console;
using WrongOverWrong.ElicitorComparison.Comparison;

namespace WrongOverWrong.ElicitorComparison.Reporting;

/// <summary>Writes a comparison to the terminal as Spectre.Console tables, one block per dataset.</summary>
public static class ConsoleTables
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="console"/>.</summary>
    /// <param name="console">The terminal (or plain text when redirected).</param>
    /// <param name="report">The comparison.</param>
    public static void Write(IAnsiConsole console, ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var d in report.Datasets)
        {
            console.WriteLine();
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]{Markup.Escape(d.Dataset)}[/]: {d.Questions} questions, {d.Candidates} answers ({d.UnparsableCandidates} unparsable), {d.Pairs} wrong-over-wrong pairs ({Markup.Escape(d.Source)})"));
            if (d.Pairs == 0)
            {
                console.MarkupLine("[yellow]no wrong-over-wrong pairs: nothing to compare[/]");
                continue;
            }

            var margins = new Table().Border(TableBorder.Rounded).Title("Acc_WoW per elicitor and margin (ties count as misses; CI: bootstrap over questions)");
            foreach (var (header, i) in Cells.MarginHeader.Select((h, i) => (h, i)))
            {
                margins.AddColumn(new TableColumn(header) { Alignment = i < 2 ? Justify.Left : Justify.Right });
            }

            foreach (var outcome in d.Elicitors)
            {
                foreach (var row in outcome.Margins)
                {
                    margins.AddRow(Cells.MarginCells(outcome, row).Select(c => new Markup(Markup.Escape(c))).ToArray());
                }
            }

            console.Write(margins);

            var names = d.Elicitors.Select(e => e.Elicitor).ToList();
            var agreement = new Table().Border(TableBorder.Rounded).Title("agreement: same order over pairs both decided (n); diagonal: pairs decided");
            agreement.AddColumn("elicitor");
            foreach (var name in names)
            {
                agreement.AddColumn(new TableColumn(Markup.Escape(name)) { Alignment = Justify.Right });
            }

            agreement.AddColumn(new TableColumn($"{GapCorrelation.Method} ρ gap vs oracle gap") { Alignment = Justify.Right });
            foreach (var outcome in d.Elicitors)
            {
                var cells = new List<string> { outcome.Elicitor };
                cells.AddRange(names.Select(other => Cells.Agreement(d.Agreement.First(a => a.First == outcome.Elicitor && a.Second == other))));
                cells.Add(Cells.Correlation(outcome.GapCorrelation));
                agreement.AddRow(cells.Select(c => new Markup(Markup.Escape(c))).ToArray());
            }

            console.Write(agreement);
        }
    }
}
