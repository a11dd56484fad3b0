using Spectre.Console;
using WrongOverWrong.MainJob.Reporting;

namespace WrongOverWrong.MainJob.Tests;

public sealed class ReportRenderingTests
{
    [Fact]
    public void Verdict_SaysWhichClaimsHeld()
    {
        var report = SampleReports.Full();
        Assert.Contains("Claim 1", report.Verdict, StringComparison.Ordinal);
        Assert.Contains("HELD for consistency@M_50", report.Verdict, StringComparison.Ordinal);
        Assert.Contains("HELD on synthetic held-out vs base and random for oracle-wow", report.Verdict, StringComparison.Ordinal);
        Assert.Contains("both paired deltas to random exclude 0", report.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_SaysNotShownWhenTheIntervalIncludesChanceOrTheArmCollapsed()
    {
        var verdict = ClaimsVerdict.Compute(
            [SampleReports.AccWow("logprob", "M_10", 0.55, 0.45, 0.65)],
            [SampleReports.Arm("base", ArmKinds.Base, 0.5, 0.3, 0.6), SampleReports.Arm("oracle-wow", ArmKinds.WoW, 0.9, 0.0, 0.1, collapsed: true)]);
        Assert.Contains("NOT shown (best logprob@M_10", verdict, StringComparison.Ordinal);
        Assert.Contains("every aligned arm collapsed", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_SaysClaimTwoIsUntestedWhenOnlyRightOverWrongArmsRan()
    {
        var verdict = ClaimsVerdict.Compute(
            [SampleReports.AccWow("logprob", "M_10", 0.65, 0.55, 0.75)],
            [SampleReports.Arm("base", ArmKinds.Base, 0.5, 0.3, 0.6), SampleReports.Arm("row.dpo", ArmKinds.RightOverWrong, 0.6, 0.4, 0.5)]);
        Assert.Contains("not measured (no arm was aligned on wrong-over-wrong preferences", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void AccWowChart_DrawsTheIntervalFromItsLowerToItsUpperBound()
    {
        // An asymmetric interval shows a mirrored bar at once: 0.1 above the value, 0.3 below it.
        var plot = ReportCharts.AccWow([SampleReports.AccWow("logprob", "M_10", 0.6, 0.3, 0.7)]);
        var bar = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.ErrorBar>());
        Assert.Equal(0.1, bar.YErrorPositive![0], 12);
        Assert.Equal(0.3, bar.YErrorNegative![0], 12);
    }

    [Fact]
    public async Task Json_RoundTrips()
    {
        string path = Path.Combine(Path.GetTempPath(), $"wow-report-{Guid.NewGuid():N}.json");
        try
        {
            var report = SampleReports.Full();
            await JsonReport.WriteAsync(path, report);
            var back = await JsonReport.ReadAsync(path);
            Assert.Equal(report.Verdict, back.Verdict);
            Assert.Equal(report.AccWow, back.AccWow);
            Assert.Equal(report.Settings, back.Settings);
            Assert.Equal(report.Arms, back.Arms);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Markdown_HoldsEveryTableAndTheCharts()
    {
        string md = MarkdownReport.Render(SampleReports.Full(), ["acc-wow.png"]);
        Assert.Contains("| consistency | M_50 | 0.670 [0.60, 0.72] | 100 | 3 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("| synthetic held-out | oracle-wow | wow |", md, StringComparison.Ordinal);
        Assert.Contains("| mean conf |", md, StringComparison.Ordinal);
        Assert.Contains("| 0.300 [0.26, 0.34] | 0.600 [0.57, 0.63] | 0.900 [0.88, 0.92] |", md, StringComparison.Ordinal);
        Assert.Contains("## Timings", md, StringComparison.Ordinal);
        Assert.Contains("## Aligned arms vs their random-preference control", md, StringComparison.Ordinal);
        Assert.Contains("| synthetic held-out | oracle-wow | +0.070 [+0.02, +0.12] | +0.040 [-0.01, +0.09] | -0.090 [-0.14, -0.04] |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("| synthetic held-out | random | +", md, StringComparison.Ordinal);
        Assert.Contains("## Model selection", md, StringComparison.Ordinal);
        Assert.Contains("| oracle-wow | lr 0.0005, 1 epoch(s) (picked): validation mean cor | 0.810 |", md, StringComparison.Ordinal);
        Assert.Contains("![acc-wow](acc-wow.png)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_AreWrittenAsPngs()
    {
        string folder = Directory.CreateTempSubdirectory("wow-charts-").FullName;
        try
        {
            var files = ReportCharts.Write(SampleReports.Full(), folder);
            Assert.Equal(["acc-wow.png", "arms.png", "reliability.png"], files);
            foreach (string file in files)
            {
                byte[] head = File.ReadAllBytes(Path.Combine(folder, file)).Take(8).ToArray();
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
            }
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WOW_KEEP_CHARTS") is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Console_PrintsTablesAndTheVerdict()
    {
        var writer = new StringWriter();
        var console = MainJobProgram.CreateConsole(writer);
        ConsoleReport.Write(console, SampleReports.Full(), "/tmp/run");
        string text = writer.ToString();
        Assert.Contains("Acc_WoW per elicitor and margin", text, StringComparison.Ordinal);
        Assert.Contains("0.670 [0.60, 0.72]", text, StringComparison.Ordinal);
        Assert.Contains("Verdict:", text, StringComparison.Ordinal);
        Assert.Contains("Aligned arms minus their random-preference control", text, StringComparison.Ordinal);
        Assert.Contains("-0.090 [-0.14, -0.04]", text, StringComparison.Ordinal);
        Assert.Contains("Model selection", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }
}
