using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WrongOverWrong.Harness;
using WrongOverWrong.Pipeline.Reports;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// The paper's experiment as one call: sample training answers, grade, pair, elicit with each
/// elicitor, report Acc_WoW, draw the training sets, align one arm per (source, optimizer) beside
/// its random-preference and SFT controls, sample the held-out questions with the base and every
/// aligned model, and evaluate (p_wrong, Acc, ECE with intervals and paired deltas to base).
/// </summary>
/// <remarks>
/// <para>Every stage writes into <see cref="ExperimentOptions.RunDirectory"/> and is skipped on a
/// rerun when its output is complete; an interrupted stage resumes (answers per question, verdicts
/// per question, training from its checkpoint or finished adapters), so no finished model call is
/// repeated. <c>manifest.json</c> records every setting; a rerun with other settings throws
/// <see cref="RunSettingsMismatchException"/> naming the setting.</para>
/// <para>An endpoint that keeps failing ends the run with <see cref="PipelineEndpointException"/>
/// (one line: what, where, what to check); no source with enough pairs ends it with
/// <see cref="InsufficientTrainingPairsException"/>.</para>
/// </remarks>
/// <example>
/// <code>
/// var pipeline = new ExperimentPipeline(new ExperimentOptions { RunDirectory = "runs/sp" });
/// ExperimentReport report = await pipeline.RunAsync(new ExperimentInputs
/// {
///     Task = task, TrainingQuestions = train, HeldOutQuestions = heldOut,
///     Elicitors = [new ConsistencyElicitor(), new LogProbabilityElicitor()], Policy = policy,
/// });
/// Console.Write(ExperimentReportFormatter.ToMarkdown(report));
/// </code>
/// </example>
public sealed partial class ExperimentPipeline
{
    private readonly ExperimentOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The settings (copied).</param>
    /// <param name="logger">Receives stage notes; optional.</param>
    public ExperimentPipeline(ExperimentOptions options, ILogger<ExperimentPipeline>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        Validate(_options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The run folder.</summary>
    public string RunDirectory => _options.RunDirectory;

    /// <summary>Runs (or resumes) the experiment and returns its report, also written to <c>report.json</c> and <c>report.md</c>.</summary>
    /// <param name="inputs">Task, questions, elicitors, generator and policy.</param>
    /// <param name="progress">Receives (stage, done, total) reports; optional.</param>
    /// <param name="cancellationToken">Stops the run; everything finished stays in the run folder.</param>
    public async Task<ExperimentReport> RunAsync(ExperimentInputs inputs, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckInputs(inputs);
        var run = _options.RunDirectory;
        Directory.CreateDirectory(run);
        RunManifest.WriteOrCheck(run, RunManifest.Build(_options, inputs));
        var state = new RunState(inputs, progress);

        var phaseOne = await RunPhaseOneAsync(state, cancellationToken).ConfigureAwait(false);
        var report = new ExperimentReport
        {
            Task = inputs.Task.Name,
            Generator = _options.GeneratorName,
            GradingRule = (inputs.Task as Tasks.IHasGradingRule)?.Rule,
            TrainingQuestions = inputs.TrainingQuestions.Count,
            ValidationQuestions = 0,
            TestQuestions = 0,
            Pairing = phaseOne.Pairing,
            Elicitation = phaseOne.AccWoW,
            TrainingSets = phaseOne.TrainingSets.Select(t => t.Report).ToList(),
        };

        if (inputs.Policy is { } policy && inputs.HeldOutQuestions.Count > 0)
        {
            report = await RunPhaseTwoAsync(state, policy, phaseOne, report, cancellationToken).ConfigureAwait(false);
        }

        report = report with { Timings = state.Timings, Notes = state.Notes };
        RunFiles.WriteJson(Path.Combine(run, RunNames.Report), report);
        RunFiles.WriteAllTextAtomic(Path.Combine(run, RunNames.ReportMarkdown), ExperimentReportFormatter.ToMarkdown(report));
        return report;
    }

    private static void Validate(ExperimentOptions o)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(o.RunDirectory, nameof(ExperimentOptions.RunDirectory));
        static void Require(bool ok, string name, object value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentException($"ExperimentOptions.{name} {rule} (was {value}).", name);
            }
        }

        Require(o.SamplesPerQuestion >= 2, nameof(o.SamplesPerQuestion), o.SamplesPerQuestion, "must be at least 2 to form pairs");
        Require(o.EvaluationSamplesPerQuestion >= 1, nameof(o.EvaluationSamplesPerQuestion), o.EvaluationSamplesPerQuestion, "must be at least 1");
        Require(o.MaxTrainingPairs >= 2, nameof(o.MaxTrainingPairs), o.MaxTrainingPairs, "must be at least 2");
        Require(o.MinTrainingPairs >= 1, nameof(o.MinTrainingPairs), o.MinTrainingPairs, "must be at least 1");
        Require(o.ValidationShare is > 0 and < 1, nameof(o.ValidationShare), o.ValidationShare, "must lie in (0, 1)");
        Require(o.Confidence is > 0 and < 1, nameof(o.Confidence), o.Confidence, "must lie in (0, 1)");
        Require(o.Optimizers.Count > 0, nameof(o.Optimizers), o.Optimizers.Count, "needs at least one optimizer");
        Require(o.LearningRateGrid.All(lr => lr > 0), nameof(o.LearningRateGrid), string.Join(",", o.LearningRateGrid), "must hold positive rates");
        Require(o.EpochGrid.All(e => e > 0), nameof(o.EpochGrid), string.Join(",", o.EpochGrid), "must hold positive epochs");
        var duplicate = o.TrainingSources.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        Require(duplicate is null, nameof(o.TrainingSources), duplicate?.Key ?? "", "names a source twice");
    }

    private static void CheckInputs(ExperimentInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs.Task, nameof(inputs.Task));
        if (inputs.TrainingQuestions.Count == 0)
        {
            throw new ArgumentException("ExperimentInputs.TrainingQuestions is empty; phase 1 needs questions.", nameof(inputs));
        }

        if (inputs.Generator is null && inputs.Policy is null)
        {
            throw new ArgumentException("ExperimentInputs needs a Generator or a Policy (whose base model then generates).", nameof(inputs));
        }

        var duplicate = inputs.Elicitors.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two elicitors are named '{duplicate.Key}'; give one a different name.", nameof(inputs));
        }

        var overlap = inputs.TrainingQuestions.Select(q => q.Id).Intersect(inputs.HeldOutQuestions.Select(q => q.Id), StringComparer.Ordinal).FirstOrDefault();
        if (overlap is not null)
        {
            throw new ArgumentException($"Question '{overlap}' is both a training and a held-out question; held-out questions must be unseen.", nameof(inputs));
        }
    }

    private async Task<T> StageAsync<T>(RunState state, string stage, Func<Task<(T Value, bool Resumed)>> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var (value, resumed) = await body().ConfigureAwait(false);
        state.Timings.Add(new StageTiming(stage, clock.Elapsed.TotalSeconds, resumed));
        _logger.LogInformation("Stage {Stage} {How} in {Seconds:0.0} s.", stage, resumed ? "read back" : "done", clock.Elapsed.TotalSeconds);
        cancellationToken.ThrowIfCancellationRequested();
        return value;
    }

    private sealed class RunState(ExperimentInputs inputs, IProgress<PipelineProgress>? progress)
    {
        public ExperimentInputs Inputs { get; } = inputs;

        public IProgress<PipelineProgress>? Progress { get; } = progress;

        public List<StageTiming> Timings { get; } = [];

        public List<string> Notes { get; } = [];

        public void Report(string stage, int done, int total, string? detail = null) => Progress?.Report(new PipelineProgress(stage, done, total, detail));
    }
}
