using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace WrongOverWrong.MainJob.Reporting;

/// <summary>
/// The report's pictures (ScottPlot, PNG): reliability diagrams of base vs aligned arms, Acc_WoW
/// per elicitor and margin with CI error bars, and p_wrong / Acc / ECE per arm with CI error bars.
/// </summary>
public static class ReportCharts
{
    private const int Width = 1100;
    private const int Height = 560;

    /// <summary>Writes every chart the report has data for into <paramref name="folder"/>; returns their file names.</summary>
    /// <param name="report">The report.</param>
    /// <param name="folder">The run folder.</param>
    public static IReadOnlyList<string> Write(MainJobReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(report);
        var files = new List<string>();
        if (report.AccWow.Count > 0)
        {
            files.Add(Save(AccWow(report.AccWow), folder, "acc-wow.png"));
        }

        foreach (var (set, index) in report.Arms.Select(a => a.EvaluationSet).Distinct().Select((s, i) => (s, i)))
        {
            string suffix = index == 0 ? string.Empty : $"-{index + 1}";
            files.Add(Save(Arms(report.Arms.Where(a => a.EvaluationSet == set).ToList(), set), folder, $"arms{suffix}.png"));
            var series = report.Reliability.Where(r => r.EvaluationSet == set).ToList();
            if (series.Count > 0)
            {
                files.Add(Save(Reliability(series, set), folder, $"reliability{suffix}.png"));
            }
        }

        return files;
    }

    /// <summary>Acc_WoW grouped by elicitor, one bar per margin, with the CI as error bar and chance as a dashed line.</summary>
    public static Plot AccWow(IReadOnlyList<AccWowRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = new Plot();
        var elicitors = rows.Select(r => r.Elicitor).Distinct().ToList();
        var margins = rows.Select(r => r.Margin).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        for (int m = 0; m < margins.Count; m++)
        {
            var points = rows.Where(r => r.Margin == margins[m]).Select(r => (X: elicitors.IndexOf(r.Elicitor) * (margins.Count + 1) + m, r.AccWow)).ToList();
            AddBarsWithIntervals(plot, points, palette.GetColor(m), margins[m]);
        }

        var chance = plot.Add.HorizontalLine(0.5);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        chance.LegendText = "chance";
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            elicitors.Select((_, i) => i * (margins.Count + 1) + (margins.Count - 1) / 2.0).ToArray(),
            elicitors.ToArray());
        plot.Axes.SetLimitsY(0, 1);
        plot.Title("Acc_WoW per elicitor and margin (95% CI)");
        plot.YLabel("Acc_WoW");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>p_wrong, Acc and ECE grouped by metric, one bar per arm, with CIs.</summary>
    public static Plot Arms(IReadOnlyList<ArmRow> rows, string evaluationSet)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        string[] metrics = ["p_wrong (higher = less wrong)", "Acc", "ECE (lower = better)"];
        for (int a = 0; a < rows.Count; a++)
        {
            ArmRow row = rows[a];
            var estimates = new[] { row.PWrong, row.Accuracy, row.Ece };
            var points = estimates.Select((e, m) => (X: m * (rows.Count + 1) + a, Estimate: e)).ToList();
            AddBarsWithIntervals(plot, points, palette.GetColor(a), row.Collapsed ? row.Arm + " (collapsed)" : row.Arm);
        }

        plot.Axes.Bottom.TickGenerator = new NumericManual(
            metrics.Select((_, m) => m * (rows.Count + 1) + (rows.Count - 1) / 2.0).ToArray(),
            metrics);
        plot.Axes.SetLimitsY(0, 1);
        plot.Title($"Arms on {evaluationSet} (95% CI)");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Accuracy against mean confidence per bin for each arm, with the diagonal of perfect calibration.</summary>
    public static Plot Reliability(IReadOnlyList<ReliabilitySeries> series, string evaluationSet)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "perfect calibration";
        for (int s = 0; s < series.Count; s++)
        {
            var bins = series[s].Bins.Where(b => b.Count > 0).ToList();
            if (bins.Count == 0)
            {
                continue;
            }

            var scatter = plot.Add.Scatter(bins.Select(b => b.Confidence).ToArray(), bins.Select(b => b.Accuracy).ToArray(), palette.GetColor(s));
            scatter.LegendText = $"{series[s].Arm} ({bins.Sum(b => b.Count)} answers)";
            scatter.MarkerSize = 8;
            scatter.LineWidth = 2;
        }

        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Title($"Reliability on {evaluationSet}");
        plot.XLabel("confidence = exp(mean token log-prob), bin mean");
        plot.YLabel("accuracy in bin");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static void AddBarsWithIntervals(Plot plot, IReadOnlyList<(int X, Estimate Estimate)> points, Color color, string label)
    {
        var bars = points.Select(p => new Bar { Position = p.X, Value = double.IsNaN(p.Estimate.Value) ? 0 : p.Estimate.Value, FillColor = color }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.LegendText = label;
        var withInterval = points.Where(p => !double.IsNaN(p.Estimate.Lower) && !double.IsNaN(p.Estimate.Value)).ToList();
        if (withInterval.Count == 0)
        {
            return;
        }

        // ScottPlot takes the upward (positive) error before the downward one; named so the CI is not drawn mirrored.
        var errors = new ErrorBar(
            withInterval.Select(p => (double)p.X).ToList(),
            withInterval.Select(p => p.Estimate.Value).ToList(),
            xErrorsPositive: null,
            xErrorsNegative: null,
            yErrorsPositive: withInterval.Select(p => p.Estimate.Upper - p.Estimate.Value).ToList(),
            yErrorsNegative: withInterval.Select(p => p.Estimate.Value - p.Estimate.Lower).ToList());
        errors.Color = Colors.Black;
        plot.Add.Plottable(errors);
    }

    private static string Save(Plot plot, string folder, string name)
    {
        plot.SavePng(Path.Combine(folder, name), Width, Height);
        return name;
    }
}
