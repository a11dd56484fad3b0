using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Spectre.Console;
using WrongOverWrong.ElicitorComparison.Cli;
using WrongOverWrong.ElicitorComparison.Comparison;
using WrongOverWrong.ElicitorComparison.Input;
using WrongOverWrong.ElicitorComparison.Reporting;
using WrongOverWrong.IO;
using WrongOverWrong.MainJob;
using WrongOverWrong.MainJob.Cli;
using WrongOverWrong.MainJob.Endpoint;
using WrongOverWrong.MainJob.Progress;
using WrongOverWrong.Pipeline;

namespace WrongOverWrong.ElicitorComparison;

/// <summary>
/// The comparison end to end: find or sample the answer sets, run every elicitor over each, print
/// the tables, and write elicitor-comparison.md, elicitor-comparison.json and the charts.
/// </summary>
public static class ComparisonApp
{
    /// <summary>Exit code of a run stopped by Ctrl+C.</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Exit code for unusable options or input files.</summary>
    public const int SetupExitCode = 2;

    /// <summary>Exit code when the judge endpoint cannot be used.</summary>
    public const int EndpointExitCode = 3;

    /// <summary>The base name of the result files.</summary>
    public const string ResultName = "elicitor-comparison";

    /// <summary>Parses <paramref name="args"/> and runs; returns the exit code.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Cancels (Ctrl+C does too when run as the program).</param>
    public static Task<int> MainAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var command = new ComparisonCommand().Build((options, token) => RunAsync(options, MainJobProgram.CreateConsole(output), token), args);
        // Ctrl+C cancels the token; the judges stop after their current call. The default 2 s before
        // the process is killed is too short for that on a busy CPU.
        var configuration = new System.CommandLine.InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return command.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Runs the comparison with parsed options; returns the exit code.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="console">Where progress and tables go.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async Task<int> RunAsync(ComparisonOptions options, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine("[bold]WrongOverWrong elicitor comparison[/]");
        console.MarkupLine(Markup.Escape(JudgeLine(options)));
        try
        {
            if (options.Endpoint is { } settings && await EndpointClients.CheckAsync(settings, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                console.MarkupLine($"[red]Error:[/] {Markup.Escape(problem)}");
                return EndpointExitCode;
            }

            var report = await WithProgressAsync(console, progress => CompareAsync(options, progress, cancellationToken)).ConfigureAwait(false);
            ConsoleTables.Write(console, report);
            Directory.CreateDirectory(options.OutputFolder);
            var charts = AccWowChart.Write(report, options.OutputFolder);
            await File.WriteAllTextAsync(Path.Combine(options.OutputFolder, ResultName + ".json"), JsonSerializer.Serialize(report, ComparisonReport.JsonOptions), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(options.OutputFolder, ResultName + ".md"), MarkdownResults.Render(report, charts), cancellationToken).ConfigureAwait(false);
            console.MarkupLine($"results: [blue]{Markup.Escape(Path.Combine(options.OutputFolder, ResultName + ".md"))}[/] (+ .json, {charts.Count} chart(s))");
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Cancelled.[/] Sampled answer sets are kept; run the same command again to resume.");
            return CancelledExitCode;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or JsonLinesFormatException)
        {
            console.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return SetupExitCode;
        }
        catch (RunSettingsMismatchException ex)
        {
            // The fallback's folder was sampled with other sizes or another seed; the pipeline refuses to mix them.
            console.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)} Delete {Markup.Escape(options.FallbackFolder)} or pass another --fallback-folder.");
            return SetupExitCode;
        }
        catch (PipelineEndpointException ex)
        {
            console.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return EndpointExitCode;
        }
    }

    private static async Task<ComparisonReport> CompareAsync(ComparisonOptions options, IStageProgress progress, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        IReadOnlyList<string> paths = options.Answers;
        string input;
        if (paths.Count > 0)
        {
            input = string.Join(", ", paths.Select(Display));
        }
        else if (Directory.Exists(options.DefaultRunFolder))
        {
            paths = [options.DefaultRunFolder];
            input = $"the main job's run folder {Display(options.DefaultRunFolder)}";
        }
        else
        {
            var folder = await FallbackAnswerSets.GenerateAsync(
                new FallbackAnswerSets.Settings(options.FallbackFolder, options.ModelFolder, options.Questions, options.NLGraphFile, options.NLGraphQuestions, options.Samples, options.Threads, options.Seed),
                progress,
                cancellationToken).ConfigureAwait(false);
            paths = [folder];
            input = string.Create(CultureInfo.InvariantCulture, $"no runs/default, so sampled with {Display(options.ModelFolder)} into {Display(folder)} ({options.Questions} synthetic questions{(options.NLGraphFile is not null && File.Exists(options.NLGraphFile) ? $" and the first {options.NLGraphQuestions} real NLGraph questions" : string.Empty)}, {options.Samples} answers each at temperature 1, seed {options.Seed})");
        }

        var datasets = new List<ComparisonDataset>();
        foreach (var (name, file) in AnswerSetDiscovery.Find(paths))
        {
            var sets = await AnswerSetFile.ReadAsync(file, cancellationToken).ConfigureAwait(false);
            datasets.Add(new ComparisonDataset(name, Display(file), sets));
        }

        // An endpoint takes the local judge's place; without either, the judges are left out (--judge-model none).
        using var judge = options.Endpoint is { } settings ? EndpointClients.CreateJudge(settings) : null;
        using var localJudge = judge is null && options.JudgeModelFolder is { } judgeFolder ? LocalJudge.Open(judgeFolder, options.Threads) : null;
        var elicitors = MainJobRunner.CreateElicitors(new MainJobOptions { RunFolder = string.Empty, ModelFolder = string.Empty, Elicitors = MainJobOptions.OfflineElicitors }, judge).ToList();
        if (localJudge is not null)
        {
            elicitors.AddRange(localJudge.CreateElicitors());
            notes.Add("the judges ran on the local judge model; the shipped one (models/wow-tiny-judge) was trained on the generator's answers to questions from seeds none of these sets use (its model card has the recipe and its held-out probes); a reply the parser cannot read is an abstention, and the pairwise judge keeps a pair only when both orders agree");
        }

        var runner = new ElicitorComparisonRunner(new ElicitorComparisonOptions
        {
            Seed = options.Seed,
            BootstrapResamples = options.Bootstrap,
            MaxPairs = options.MaxPairs,
            // A local model answers one call at a time, so only an endpoint gains from parallel questions.
            MaxParallelQuestions = judge is null ? 1 : 8,
        });
        var results = new List<DatasetComparison>();
        foreach (var dataset in datasets)
        {
            results.Add(await CompareOneAsync(runner, dataset, elicitors, progress, cancellationToken).ConfigureAwait(false));
        }

        return new ComparisonReport
        {
            Command = options.CommandLine,
            Date = DateTimeOffset.UtcNow,
            Machine = Machine(),
            Input = input,
            Judge = options.Endpoint?.ToString()
                ?? (options.JudgeModelFolder is { } judgeModel
                    ? string.Create(CultureInfo.InvariantCulture, $"the local judge model {Display(judgeModel)} (trained by ./run.sh train-judge; greedy, replies up to {MainJob.JudgeModel.JudgeModelProbe.MaxReplyTokens} tokens)")
                    : "none (--judge-model none and no endpoint: the judge elicitors did not run)"),
            BootstrapResamples = options.Bootstrap,
            Seed = options.Seed,
            Datasets = results,
            Notes = notes,
        };
    }

    private static string JudgeLine(ComparisonOptions options) =>
        options.Endpoint is { } e ? $"judge endpoint: {e}"
        : options.JudgeModelFolder is { } folder ? $"judges: the local judge model {Display(folder)} (offline; set WOW_ENDPOINT and WOW_MODEL, or --endpoint and --endpoint-model, to judge with an endpoint instead)"
        : "No judge: comparing length, consistency and logprob (--judge-model none). Set WOW_ENDPOINT and WOW_MODEL (or --endpoint, --endpoint-model) to add the pairwise and score judges.";

    private static async Task<DatasetComparison> CompareOneAsync(ElicitorComparisonRunner runner, ComparisonDataset dataset, IReadOnlyList<IPreferenceElicitor> elicitors, IStageProgress progress, CancellationToken cancellationToken)
    {
        var stages = new Dictionary<string, IStage>(StringComparer.Ordinal);
        var sync = new Lock();
        var forward = new SyncProgress(p =>
        {
            lock (sync)
            {
                if (!stages.TryGetValue(p.Elicitation.Elicitor, out var stage))
                {
                    stage = progress.Begin($"{p.Dataset}: {p.Elicitation.Elicitor}", p.Elicitation.QuestionsTotal, "questions");
                    stages[p.Elicitation.Elicitor] = stage;
                }

                stage.Report(p.Elicitation.QuestionsDone, detail: p.Elicitation.Calls > 0 ? string.Create(CultureInfo.InvariantCulture, $"{p.Elicitation.Calls} calls") : null);
                if (p.Elicitation.QuestionsDone >= p.Elicitation.QuestionsTotal)
                {
                    // Elicitors run one after another: close each bar when its last question is in,
                    // so its time is its own (the bootstrap that follows is in the table's wall time).
                    stage.Complete();
                }
            }
        });
        try
        {
            return await runner.CompareAsync(dataset, elicitors, forward, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var stage in stages.Values)
            {
                stage.Dispose();
            }
        }
    }

    private static Task<T> WithProgressAsync<T>(IAnsiConsole console, Func<IStageProgress, Task<T>> body) =>
        console.Profile.Capabilities.Interactive
            ? SpectreStageProgress.RunAsync(console, body)
            : body(new PlainStageProgress(line => console.WriteLine(line)));

    private static string Display(string path) => RepositoryPaths.Display(Path.GetFullPath(path));

    private static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            }
        }
        catch (IOException)
        {
            // The CPU's name is a courtesy; the rest of the line still says what ran.
        }

        return string.Create(CultureInfo.InvariantCulture, $"{cpu}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}");
    }

    private sealed class SyncProgress(Action<ComparisonProgress> report) : IProgress<ComparisonProgress>
    {
        public void Report(ComparisonProgress value) => report(value);
    }
}
