using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Spectre.Console;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.MainJob.Cli;
using WrongOverWrong.MainJob.Endpoint;
using WrongOverWrong.MainJob.Progress;
using WrongOverWrong.MainJob.Reporting;
using WrongOverWrong.MainJob.Run;
using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Pipeline.Reports;
using WrongOverWrong.Sources;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Pipeline;

namespace WrongOverWrong.MainJob;

/// <summary>
/// Runs the experiment with the options the command line gave: questions, elicitors, the local
/// policy (and an endpoint when configured) into <see cref="ExperimentPipeline"/>, then the tables,
/// report.json, report.md and the PNG charts.
/// </summary>
public static class MainJobRunner
{
    /// <summary>Exit code of a run stopped by Ctrl+C (or a cancelled token).</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Exit code when the endpoint cannot be used.</summary>
    public const int EndpointExitCode = 3;

    /// <summary>Exit code when the settings or inputs cannot run (missing model, other settings in the run folder, too few pairs).</summary>
    public const int SetupExitCode = 2;

    /// <summary>The note every run with the shipped model carries.</summary>
    public const string SyntheticTrainingNote =
        "The shipped model (models/wow-tiny-sp) was trained on synthetic NLGraph-style shortest-path graphs from this project's generator, not on NLGraph's own questions; the synthetic rows are in-distribution, the NLGraph rows measure transfer to the real set of the same family.";

    /// <summary>Runs; returns the exit code.</summary>
    /// <param name="options">The run's settings.</param>
    /// <param name="console">Where progress and tables go.</param>
    /// <param name="cancellationToken">Cancels; what was written stays, and a rerun resumes.</param>
    public static async Task<int> RunAsync(MainJobOptions options, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var clock = Stopwatch.StartNew();
        console.MarkupLine($"[bold]WrongOverWrong main job[/]: {Markup.Escape(Describe(options))}");
        console.MarkupLine(options.Endpoint is { } endpoint ? $"endpoint: {Markup.Escape(endpoint.ToString())}" : Markup.Escape(EndpointSettings.NotConfiguredLine));
        console.MarkupLine($"run folder [blue]{Markup.Escape(options.RunFolder)}[/] (rerun the same command to resume; --fresh starts over)");
        try
        {
            if (options.Fresh)
            {
                RunFolder.Clear(options.RunFolder);
            }

            Directory.CreateDirectory(options.RunFolder);
            if (options.Endpoint is { } settings && await EndpointClients.CheckAsync(settings, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                console.MarkupLine($"[red]Error:[/] {Markup.Escape(problem)}");
                return EndpointExitCode;
            }

            var outcome = await WithProgressAsync(console, progress => RunExperimentAsync(options, progress, cancellationToken)).ConfigureAwait(false);
            var timings = new List<NamedValue>(outcome.Timings) { new("job", "total", clock.Elapsed.TotalSeconds, "s") };
            var report = ExperimentReportMapper.Map(outcome.Report, Settings(options, outcome), outcome.Notes, outcome.TestSet, outcome.TransferSet, timings);
            var charts = ReportCharts.Write(report, options.RunFolder);
            await JsonReport.WriteAsync(Path.Combine(options.RunFolder, RunFolder.ReportJson), report, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(options.RunFolder, RunFolder.ReportMarkdown), MarkdownReport.Render(report, charts), cancellationToken).ConfigureAwait(false);
            ConsoleReport.Write(console, report, options.RunFolder);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine($"[yellow]Cancelled.[/] Finished work is kept in {Markup.Escape(options.RunFolder)}; run the same command again to resume.");
            return CancelledExitCode;
        }
        catch (PipelineEndpointException e)
        {
            console.MarkupLine($"[red]Error:[/] {Markup.Escape(e.Message)}");
            return EndpointExitCode;
        }
        catch (RunSettingsMismatchException e)
        {
            console.MarkupLine($"[red]Error:[/] {Markup.Escape(e.Message)} Add --fresh to start this run folder over.");
            return SetupExitCode;
        }
        catch (Exception e) when (e is InsufficientTrainingPairsException or ModelMissingException or InvalidOperationException)
        {
            console.MarkupLine($"[red]Error:[/] {Markup.Escape(e.Message)}");
            return SetupExitCode;
        }
    }

    private static async Task<RunOutcome> RunExperimentAsync(MainJobOptions options, IStageProgress progress, CancellationToken cancellationToken)
    {
        var timings = new List<NamedValue>();
        var notes = new List<string>();
        var clock = Stopwatch.StartNew();
        if (options.Retrain)
        {
            await RetrainAsync(options, progress, cancellationToken).ConfigureAwait(false);
            timings.Add(new("job", "retrain the shipped model", clock.Elapsed.TotalSeconds, "s"));
        }

        string policyFolder = options.PolicyFolder;
        if (!File.Exists(Path.Combine(policyFolder, "config.json")))
        {
            throw new ModelMissingException(policyFolder == RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative)
                ? $"The shipped model is missing: no config.json in {policyFolder}. It is part of the repository (restore it with git), or rebuild it with --retrain (about an hour on 2 cores)."
                : $"No model in {policyFolder} (no config.json): --model and --align-checkpoint take a Hugging Face-layout folder.");
        }

        TorchThreads.Apply(options.Threads);
        NativeAllocator.FixMmapThreshold(); // keeps peak memory flat across sampling batches of varying shapes
        clock.Restart();
        using var policy = LoraPolicy.FromFolder(policyFolder, new LoraPolicyOptions
        {
            Trainer = new TrainerOptions
            {
                LearningRate = options.LearningRates[0], // with a grid, each point overrides these
                Epochs = options.EpochCounts[0],
                BatchSize = 8,
                MaxLength = 1024,
                MaxPromptLength = 896,
                SaveSteps = 25,
                Threads = options.Threads,
            },
            Dpo = new DpoOptions { RpoAlpha = options.RpoAlpha },
            Sampling = new LocalChatClientOptions { MaxOutputTokens = ShippedModelRecipe.AnswerTokens, Threads = options.Threads },
        });
        timings.Add(new("job", "load the model", clock.Elapsed.TotalSeconds, "s"));
        progress.Note(string.Create(CultureInfo.InvariantCulture, $"model {policyFolder}, {options.Threads} thread(s)"));

        var task = TaskRegistry.CreateDefault().Get(TaskNames.NLGraphShortestPath);
        bool shipped = options.AlignCheckpoint is null && options.Endpoint?.Generates != true;
        if (shipped)
        {
            notes.Add(SyntheticTrainingNote);
        }

        var nlgraph = await ExperimentQuestions.NLGraphAsync(options.NLGraphFile, options.NLGraphQuestions, cancellationToken).ConfigureAwait(false);
        if (nlgraph is null && options.NLGraphQuestions > 0)
        {
            notes.Add($"No real NLGraph file at {options.NLGraphFile}: evaluated on synthetic questions only (--nlgraph names another file).");
        }

        using var endpointGenerator = options.Endpoint is { Generates: true } g ? EndpointClients.CreateGenerator(g) : null;
        using var judge = options.Endpoint is { Judges: true } j ? EndpointClients.CreateJudge(j) : null;
        var elicitors = CreateElicitors(options, judge);
        var inputs = new ExperimentInputs
        {
            Task = task,
            TrainingQuestions = ExperimentQuestions.Training(options.TrainQuestions, options.Seed),
            HeldOutQuestions = ExperimentQuestions.HeldOut(options.HeldOutQuestions, options.Seed),
            Elicitors = elicitors,
            Generator = endpointGenerator,
            Policy = policy,
            Transfer = nlgraph is null ? null : new TransferEvaluation(task, nlgraph),
        };

        var margin = Margin.Paper.Single(m => m.Name.Replace("_", string.Empty, StringComparison.Ordinal) == options.Margin);
        var sources = new List<TrainingSource>();
        foreach (string source in options.PreferenceSources)
        {
            sources.Add(source switch
            {
                "oracle" => TrainingSource.OracleWoW,
                "row" => TrainingSource.RightOverWrong,
                "mix" => TrainingSource.Mix,
                "best" => await BestSourceAsync(options, inputs, margin, progress, notes, timings, cancellationToken).ConfigureAwait(false),
                _ => TrainingSource.Elicited(source, margin),
            });
        }

        var pipelineOptions = PipelineOptions(options, Path.Combine(options.RunFolder, RunFolder.Pipeline));
        pipelineOptions.TrainingSources = [.. sources.DistinctBy(s => s.Name)];
        clock.Restart();
        ExperimentReport report;
        using (var bars = new PipelineProgressBars(progress))
        {
            report = await new ExperimentPipeline(pipelineOptions).RunAsync(inputs, bars, cancellationToken).ConfigureAwait(false);
        }

        int test = report.TestQuestions;
        return new RunOutcome(
            report,
            notes,
            timings,
            $"synthetic test ({ExperimentReportMapper.Questions(test)})",
            nlgraph is null ? null : $"NLGraph real ({ExperimentReportMapper.Questions(nlgraph.Count)})");
    }

    /// <summary>
    /// "best": a phase-1-only run (no policy) measures Acc_WoW first, and the elicitor that did best
    /// at the margin becomes a training source. Its sampled answers and verdicts are copied into
    /// the full run's folder, so nothing is sampled or judged twice.
    /// </summary>
    private static async Task<TrainingSource> BestSourceAsync(MainJobOptions options, ExperimentInputs inputs, Margin margin, IStageProgress progress, List<string> notes, List<NamedValue> timings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string phaseOne = Path.Combine(options.RunFolder, RunFolder.PhaseOne);
        var phaseOneOptions = PipelineOptions(options, phaseOne);
        phaseOneOptions.TrainingSources = [TrainingSource.OracleWoW];
        ExperimentReport report;
        using (var bars = new PipelineProgressBars(progress, "phase 1: "))
        {
            report = await new ExperimentPipeline(phaseOneOptions)
                .RunAsync(inputs with { Policy = null, HeldOutQuestions = [], Transfer = null, Generator = inputs.Generator ?? inputs.Policy!.BaseClient }, bars, cancellationToken)
                .ConfigureAwait(false);
        }

        var best = BestElicitor.Pick(report.Elicitation, margin.Name, inputs.Elicitors.Select(e => e.Name).ToList())
            ?? throw new InsufficientTrainingPairsException(new Dictionary<string, int> { ["best elicitor"] = 0 }, 1);
        string line = string.Create(CultureInfo.InvariantCulture, $"best elicitor at {margin.Name}: {best.Elicitor} (Acc_WoW {best.AccWow:0.000} on {best.KeptPairs} pairs); its preferences train the '{best.Elicitor}@{margin.Name}' arm");
        progress.Note(line);
        notes.Add(line + ".");
        string pipeline = Path.Combine(options.RunFolder, RunFolder.Pipeline);
        Directory.CreateDirectory(pipeline);
        CopyIfMissing(Path.Combine(phaseOne, TrainingAnswersFile), Path.Combine(pipeline, TrainingAnswersFile));
        CopyFolderIfMissing(Path.Combine(phaseOne, VerdictsFolder), Path.Combine(pipeline, VerdictsFolder));
        timings.Add(new("job", "phase 1 to pick the best elicitor", clock.Elapsed.TotalSeconds, "s"));
        return TrainingSource.Elicited(best.Elicitor, margin);
    }

    // The pipeline's file names for the sampled training answers and the verdicts; if they change,
    // the full run simply samples and elicits again (slower, same result).
    private const string TrainingAnswersFile = "train-answers.jsonl";
    private const string VerdictsFolder = "elicit";

    private static void CopyIfMissing(string from, string to)
    {
        if (File.Exists(from) && !File.Exists(to))
        {
            File.Copy(from, to);
        }
    }

    private static void CopyFolderIfMissing(string from, string to)
    {
        if (!Directory.Exists(from) || Directory.Exists(to))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static ExperimentOptions PipelineOptions(MainJobOptions options, string folder)
    {
        bool endpointGenerates = options.Endpoint?.Generates == true;
        return new ExperimentOptions
        {
            RunDirectory = folder,
            GeneratorName = endpointGenerates ? options.Endpoint!.Model : "self",
            SamplesPerQuestion = options.Samples,
            EvaluationSamplesPerQuestion = options.Samples,
            MaxOutputTokens = endpointGenerates ? 1024 : ShippedModelRecipe.AnswerTokens,
            Extraction = endpointGenerates ? FinalAnswerExtraction.DirectThenSecondTurn : FinalAnswerExtraction.Direct,
            MaxConcurrency = endpointGenerates ? 8 : 1,
            Optimizers = [options.Optimizer],
            LearningRateGrid = options.HasGrid ? [.. options.LearningRates] : [],
            EpochGrid = options.HasGrid ? [.. options.EpochCounts] : [],
            RandomPreferenceControl = options.Controls,
            SftControl = options.Controls,
            MaxTrainingPairs = options.MaxTrainingPairs,
            MinTrainingPairs = Math.Min(options.MinTrainingPairs, options.MaxTrainingPairs),
            Seed = options.Seed,
        };
    }

    /// <summary>The elicitors the options name, plus both judge elicitors when <paramref name="judge"/> is given.</summary>
    /// <param name="options">The run's settings.</param>
    /// <param name="judge">The endpoint judge, or null offline.</param>
    /// <exception cref="InvalidOperationException">A judge elicitor is named but no judge is configured.</exception>
    public static IReadOnlyList<IPreferenceElicitor> CreateElicitors(MainJobOptions options, IChatClient? judge)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new List<IPreferenceElicitor>();
        foreach (string name in options.Elicitors)
        {
            list.Add(name switch
            {
                "consistency" => new ConsistencyElicitor(),
                "logprob" => new LogProbabilityElicitor(),
                "length" => new LengthElicitor(),
                "pairwise-judge" or "score-judge" when judge is null => throw new InvalidOperationException($"The {name} elicitor needs an endpoint as judge: set WOW_ENDPOINT and WOW_MODEL (or --endpoint and --endpoint-model) with --endpoint-role judge or both."),
                "pairwise-judge" => new PairwiseJudgeElicitor(judge!, new PairwiseJudgeOptions { Name = name, ConsistencyCheck = true }),
                _ => new ScoreJudgeElicitor(judge!, new ScoreJudgeOptions { Name = name, BatchSize = 5 }),
            });
        }

        if (judge is not null)
        {
            foreach (string name in MainJobOptions.JudgeElicitors.Where(n => !options.Elicitors.Contains(n)))
            {
                list.Add(name == "pairwise-judge"
                    ? new PairwiseJudgeElicitor(judge, new PairwiseJudgeOptions { Name = name, ConsistencyCheck = true })
                    : new ScoreJudgeElicitor(judge, new ScoreJudgeOptions { Name = name, BatchSize = 5 }));
            }
        }

        return list;
    }

    private static async Task RetrainAsync(MainJobOptions options, IStageProgress progress, CancellationToken cancellationToken)
    {
        string log = Path.Combine(options.RunFolder, "train-shipped.log");
        string work = Path.Combine(options.RunFolder, "train-shipped");
        progress.Note($"retraining the shipped model into {options.ModelFolder} by its five-phase curriculum (log: {log}; phases in {work}, kept when finished)");
        using var stage = progress.Begin("retraining the shipped model", 0, "phases");
        await using var writer = new StreamWriter(log, append: true);
        await ShippedModelCurriculum.RunAsync(options.ModelFolder, work, writer, options.Threads, phases: null, cancellationToken).ConfigureAwait(false);
    }

    private static Task<T> WithProgressAsync<T>(IAnsiConsole console, Func<IStageProgress, Task<T>> body) =>
        console.Profile.Capabilities.Interactive
            ? SpectreStageProgress.RunAsync(console, body)
            : body(new PlainStageProgress(line => console.WriteLine(line)));

    private static string Describe(MainJobOptions o) => string.Create(
        CultureInfo.InvariantCulture,
        $"{o.TrainQuestions} training + {o.HeldOutQuestions} held-out questions x {o.Samples} samples; elicitors {string.Join(", ", o.Elicitors)}; preferences {string.Join(", ", o.PreferenceSources)} at {o.Margin}; {o.Optimizer} {Training(o)}, at most {o.MaxTrainingPairs} pairs; controls {(o.Controls ? "on" : "off")}; seed {o.Seed}");

    // "lr 0.0005, rpo_alpha 1, 1 epoch(s)", or with a grid "grid lr {0.0005, 0.001} x epochs {1, 2} (picked by validation mean cor), rpo_alpha 1".
    private static string Training(MainJobOptions o)
    {
        string rates = string.Join(", ", o.LearningRates.Select(r => r.ToString("G3", CultureInfo.InvariantCulture)));
        string epochs = string.Join(", ", o.EpochCounts.Select(e => e.ToString(CultureInfo.InvariantCulture)));
        string alpha = o.RpoAlpha.ToString("G3", CultureInfo.InvariantCulture);
        return o.HasGrid
            ? $"grid lr {{{rates}}} x epochs {{{epochs}}} (picked by validation mean cor), rpo_alpha {alpha}"
            : $"lr {rates}, rpo_alpha {alpha}, {epochs} epoch(s)";
    }

    private static List<KeyValuePair<string, string>> Settings(MainJobOptions o, RunOutcome outcome) =>
    [
        new("model", RepositoryPaths.Display(o.PolicyFolder)),
        new("questions", string.Create(CultureInfo.InvariantCulture, $"{o.TrainQuestions} training, {o.HeldOutQuestions} held-out ({outcome.Report.ValidationQuestions} validation, {outcome.Report.TestQuestions} test){(outcome.TransferSet is null ? string.Empty : ", " + outcome.TransferSet)}")),
        new("grading rule", outcome.Report.GradingRule?.ToString() ?? "the task's only rule"),
        new("samples per question", o.Samples.ToString(CultureInfo.InvariantCulture)),
        new("elicitors", string.Join(", ", o.Elicitors)),
        new("preference sources", string.Join(", ", o.PreferenceSources) + " at " + o.Margin),
        new("optimizer", string.Create(CultureInfo.InvariantCulture, $"{o.Optimizer} + LoRA r16, {Training(o)}, at most {o.MaxTrainingPairs} pairs per arm")),
        new("controls", o.Controls ? "random preferences, SFT on chosen" : "none"),
        new("seed", o.Seed.ToString(CultureInfo.InvariantCulture)),
        new("threads", o.Threads.ToString(CultureInfo.InvariantCulture)),
        new("endpoint", o.Endpoint?.ToString() ?? "none (offline)"),
    ];

    private sealed record RunOutcome(ExperimentReport Report, IReadOnlyList<string> Notes, IReadOnlyList<NamedValue> Timings, string TestSet, string? TransferSet);

    /// <summary>The model folder is missing.</summary>
    private sealed class ModelMissingException(string message) : Exception(message);
}
