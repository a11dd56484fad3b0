using System.Text.Json;
using WrongOverWrong.ElicitorComparison.Cli;
using WrongOverWrong.ElicitorComparison.Comparison;
using WrongOverWrong.ElicitorComparison.Input;
using WrongOverWrong.IO;
using WrongOverWrong.MainJob;

namespace WrongOverWrong.ElicitorComparison.Tests;

public sealed class ComparisonAppTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wow-compare-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_main_job_run_folder_is_read_graded_and_ungraded_and_the_results_are_written()
    {
        // The main job's layout: pipeline/train-graded.jsonl (graded) and pipeline/eval-answers/base.jsonl (raw).
        var pipeline = Path.Combine(_folder, "run", "pipeline");
        Directory.CreateDirectory(Path.Combine(pipeline, "eval-answers"));
        await AnswerSetJsonLines.WriteAsync(Path.Combine(pipeline, "train-graded.jsonl"), TinyAnswerSets.Graded());
        await AnswerSetJsonLines.WriteAsync(Path.Combine(pipeline, "eval-answers", "base.jsonl"), TinyAnswerSets.Ungraded());
        var output = Path.Combine(_folder, "results");

        using var text = new StringWriter();
        var code = await ComparisonApp.RunAsync(Options([Path.Combine(_folder, "run")], output), MainJobProgram.CreateConsole(text));

        Assert.True(code == 0, text.ToString());
        var report = JsonSerializer.Deserialize<ComparisonReport>(await File.ReadAllTextAsync(Path.Combine(output, "elicitor-comparison.json")), ComparisonReport.JsonOptions)!;
        Assert.Equal(["train", "held-out"], report.Datasets.Select(d => d.Dataset));

        // Grading the raw file here gives the pipeline's own grades: the same pairs and verdicts.
        Assert.All(report.Datasets, d => Assert.Equal(29, d.Pairs));
        Assert.Equal(
            report.Datasets[0].Elicitors.SelectMany(e => e.Margins).Select(m => (m.AccWow, m.Kept, m.Ties)),
            report.Datasets[1].Elicitors.SelectMany(e => e.Margins).Select(m => (m.AccWow, m.Kept, m.Ties)));
        Assert.Equal(["consistency", "logprob", "length"], report.Datasets[0].Elicitors.Select(e => e.Elicitor));
        Assert.Equal("Spearman", report.CorrelationMethod);
        Assert.Equal("compare-test", report.Command);
        Assert.True(File.Exists(Path.Combine(output, "elicitor-comparison.md")));
        Assert.True(new FileInfo(Path.Combine(output, "acc-wow-train.png")).Length > 1000);
        Assert.Contains("agreement", await File.ReadAllTextAsync(Path.Combine(output, "elicitor-comparison.md")), StringComparison.Ordinal);
        Assert.Contains("M_10", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_answer_file_stops_with_its_name_and_line()
    {
        var file = Path.Combine(_folder, "broken.jsonl");
        await AnswerSetJsonLines.WriteAsync(file, TinyAnswerSets.Ungraded().Take(1));
        await File.AppendAllTextAsync(file, "{\"question\": \n");

        using var text = new StringWriter();
        var code = await ComparisonApp.RunAsync(Options([file], Path.Combine(_folder, "results")), MainJobProgram.CreateConsole(text));

        Assert.Equal(ComparisonApp.SetupExitCode, code);
        Assert.Contains("broken.jsonl:2:", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_answer_sets_is_refused_by_name()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;

        var e = Assert.Throws<FileNotFoundException>(() => AnswerSetDiscovery.Find([empty]));

        Assert.Contains(empty, e.Message, StringComparison.Ordinal);
    }

    private static ComparisonOptions Options(IReadOnlyList<string> answers, string output) => new()
    {
        Answers = answers,
        OutputFolder = output,
        DefaultRunFolder = "/nonexistent",
        FallbackFolder = "/nonexistent",
        ModelFolder = "/nonexistent",
        Bootstrap = 100,
        CommandLine = "compare-test",
    };
}
