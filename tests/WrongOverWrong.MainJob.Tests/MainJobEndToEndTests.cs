using WrongOverWrong.MainJob.Reporting;

namespace WrongOverWrong.MainJob.Tests;

/// <summary>
/// The main job in-process on a reduced size with the shipped model: interrupted while sampling,
/// rerun to the end (resuming), rerun once more (everything read back: the same report), with
/// JSON, Markdown and PNGs in the run folder.
/// </summary>
public sealed class MainJobEndToEndTests
{
    private static readonly string[] ReducedRun =
    [
        "--train", "6", "--held-out", "4", "--samples", "5", "--preferences", "oracle", "--no-controls",
        "--max-pairs", "16", "--min-pairs", "2", "--nlgraph-questions", "0", "--threads", "1",
    ];

    [Fact]
    public async Task ReducedRun_ResumesAfterCancellation_AndWritesTheReport()
    {
        string folder = Directory.CreateTempSubdirectory("wow-mainjob-").FullName;
        try
        {
            string[] args = [.. ReducedRun, "--run-folder", folder];

            // 1. Cancel as soon as the first training answers are on disk.
            using var cancellation = new CancellationTokenSource();
            var watcher = Task.Run(async () =>
            {
                string answers = Path.Combine(folder, "pipeline", "train-answers.jsonl");
                while (!cancellation.IsCancellationRequested)
                {
                    if (File.Exists(answers) && new FileInfo(answers).Length > 0)
                    {
                        await cancellation.CancelAsync();
                        return;
                    }

                    await Task.Delay(50);
                }
            });
            var first = new StringWriter();
            int cancelled = await MainJobProgram.RunAsync(args, first, first, cancellation.Token);
            await watcher;
            Assert.True(cancelled == MainJobRunner.CancelledExitCode, first.ToString());
            Assert.Contains("Cancelled.", first.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "report.json")));

            // 2. Rerun: resumes and finishes.
            var second = new StringWriter();
            Assert.True(await MainJobProgram.RunAsync(args, second, second) == 0, second.ToString());
            foreach (string file in new[] { "report.json", "report.md", "acc-wow.png", "arms.png", "reliability.png" })
            {
                Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing; output:\n{second}");
            }

            string text = second.ToString();
            Assert.Contains("Acc_WoW per elicitor and margin", text, StringComparison.Ordinal);
            Assert.Contains("Verdict:", text, StringComparison.Ordinal);
            var report = await JsonReport.ReadAsync(Path.Combine(folder, "report.json"));
            Assert.Contains(report.Arms, a => a.Kind == ArmKinds.Base);
            Assert.Contains(report.Arms, a => a.Kind == ArmKinds.WoW);
            Assert.NotEmpty(report.AccWow);
            Assert.Contains("# WrongOverWrong main job report", await File.ReadAllTextAsync(Path.Combine(folder, "report.md")), StringComparison.Ordinal);

            // 3. A rerun of the finished run reads everything back: the same numbers.
            var third = new StringWriter();
            Assert.True(await MainJobProgram.RunAsync(args, third, third) == 0, third.ToString());
            var again = await JsonReport.ReadAsync(Path.Combine(folder, "report.json"));
            Assert.Equal(report.AccWow, again.AccWow);
            Assert.Equal(report.Arms.Select(a => (a.Arm, a.PWrong, a.Accuracy, a.Ece)), again.Arms.Select(a => (a.Arm, a.PWrong, a.Accuracy, a.Ece)));
            Assert.Equal(report.Verdict, again.Verdict);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task LearningRateGrid_PicksOnValidation_AndReportsTheTestHalf()
    {
        string folder = Directory.CreateTempSubdirectory("wow-mainjob-").FullName;
        try
        {
            var output = new StringWriter();
            int code = await MainJobProgram.RunAsync([.. ReducedRun, "--run-folder", folder, "--lr", "5e-4,1e-3"], output, output);
            Assert.True(code == 0, output.ToString());
            var report = await JsonReport.ReadAsync(Path.Combine(folder, "report.json"));

            // Both grid points of the one arm were scored on validation, and exactly one was picked.
            Assert.Equal(2, report.ModelSelection.Count);
            Assert.All(report.ModelSelection, v => Assert.Equal("oracle-wow.dpo", v.Group));
            Assert.Single(report.ModelSelection, v => v.Name.Contains("(picked)", StringComparison.Ordinal));
            Assert.Contains(report.ModelSelection, v => v.Name.StartsWith("lr 0.0005,", StringComparison.Ordinal));
            Assert.Contains(report.ModelSelection, v => v.Name.StartsWith("lr 0.001,", StringComparison.Ordinal));
            Assert.All(report.ModelSelection, v => Assert.InRange(v.Value, 0, 1));

            // The 4 held-out questions split 2 + 2: every arm is reported on the 2 test questions x 5 answers.
            Assert.All(report.Arms, a => Assert.Equal(10, a.Answers));
            Assert.Contains(report.Settings, s => s.Key == "questions" && s.Value.Contains("(2 validation, 2 test)", StringComparison.Ordinal));
            Assert.Contains(report.Settings, s => s.Key == "optimizer" && s.Value.Contains("grid lr {0.0005, 0.001} x epochs {1}", StringComparison.Ordinal));
            Assert.Contains("## Model selection", await File.ReadAllTextAsync(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task UnreachableEndpoint_EndsWithOneLineAndANonZeroExitCode()
    {
        string folder = Directory.CreateTempSubdirectory("wow-mainjob-").FullName;
        try
        {
            var output = new StringWriter();
            int code = await MainJobProgram.RunAsync([.. ReducedRun, "--run-folder", folder, "--endpoint", "http://127.0.0.1:9/v1", "--endpoint-model", "nothing"], output, output);
            Assert.Equal(MainJobRunner.EndpointExitCode, code);
            var errors = output.ToString().Split('\n').Where(l => l.StartsWith("Error:", StringComparison.Ordinal)).ToList();
            Assert.Single(errors);
            Assert.Contains("http://127.0.0.1:9/v1", errors[0], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
