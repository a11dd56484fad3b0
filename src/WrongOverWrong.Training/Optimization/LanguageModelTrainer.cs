using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Sampling;
using WrongOverWrong.Training.Scoring;
using WrongOverWrong.Training.Text;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// The training loop every trainer shares, the preference optimizers and <see cref="SftTrainer"/>
/// alike (TRL's design: one loop, one loss function per method). It tokenises the data,
/// precomputes reference log-probs once, then runs AdamW with a scheduled learning rate, gradient
/// accumulation and clipping, reports progress, writes <c>metrics.jsonl</c> and atomic
/// checkpoints, resumes from the newest checkpoint, and stops with
/// <see cref="TrainingDivergedException"/> on a non-finite loss. With an evaluation set it
/// evaluates, keeps the best checkpoint and stops early; with a <see cref="CollapseGuard"/> it
/// stops when generations stop being acceptable.
/// </summary>
/// <remarks>
/// Full fine-tuning or LoRA follows from the model: it trains whatever
/// <see cref="ICausalLanguageModel.TrainableParameters"/> returns. With LoRA the reference is the
/// same model with adapters off; with full fine-tuning it is the model as handed in, which is why
/// reference log-probs are computed before the first step (and before a checkpoint is loaded on
/// resume: pass the same base weights again).
/// </remarks>
public abstract class LanguageModelTrainer : IPreferenceOptimizer
{
    private readonly ICausalLanguageModel _model;
    private readonly ITextTokenizer _tokenizer;
    private readonly IChatTemplate _chatTemplate;
    private readonly ILogger _logger;
    private int _running;

    /// <summary>Creates the trainer.</summary>
    /// <param name="model">The model to train (its trainable parameters are updated in place).</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The model family's chat template, used to render prompts.</param>
    /// <param name="options">Options; <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="logger">Receives run-level messages (skips, resume, checkpoints) and per-step debug lines.</param>
    private protected LanguageModelTrainer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, TrainerOptions? options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(chatTemplate);
        Options = options ?? new TrainerOptions();
        Options.Validate();
        TorchSharpNative.EnsureLoaded();
        _model = model;
        _tokenizer = tokenizer;
        _chatTemplate = chatTemplate;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>The shared trainer settings this trainer runs with.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Completion slots per example after <see cref="Prepare"/> (2 for pairs).</summary>
    private protected abstract int Slots { get; }

    /// <summary>Whether the loss needs reference log-probs.</summary>
    private protected abstract bool UsesReference { get; }

    /// <summary>Whether the loss needs log-probs over prompt and completion tokens too (ORPO's TRL-compatible NLL).</summary>
    private protected virtual bool UsesSequenceLogProbs => false;

    /// <inheritdoc/>
    public Task<TrainingResult> TrainAsync(IReadOnlyList<Preference> preferences, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        => TrainAsync(preferences, null, progress, cancellationToken);

    /// <inheritdoc/>
    public Task<TrainingResult> TrainAsync(IReadOnlyList<Preference> preferences, IReadOnlyList<Preference>? evaluationPreferences, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ExampleSet train = ToExampleSet(preferences, nameof(preferences));
        ExampleSet? evaluation = evaluationPreferences is null ? null : ToExampleSet(evaluationPreferences, nameof(evaluationPreferences));
        return TrainExamplesAsync(train, evaluation, progress, cancellationToken);
    }

    /// <summary>The examples one preference becomes: the pair by default; the chosen completion for SFT; two unpaired examples, or none, for KTO.</summary>
    private protected virtual IEnumerable<TrainingExample> ToExamples(Preference preference)
    {
        yield return new TrainingExample(preference.QuestionId, preference.Prompt, [preference.Chosen, preference.Rejected], true);
    }

    private ExampleSet ToExampleSet(IReadOnlyList<Preference> preferences, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(preferences, parameterName);
        var examples = new List<TrainingExample>(preferences.Count);
        int dropped = 0;
        for (int i = 0; i < preferences.Count; i++)
        {
            Preference preference = preferences[i]
                ?? throw new ArgumentException($"Preference {i} is null.", parameterName);
            if (preference.Prompt is null || preference.Chosen is null || preference.Rejected is null)
            {
                throw new ArgumentException($"Preference {i} (question '{preference.QuestionId}') has a null prompt, chosen or rejected text.", parameterName);
            }

            int before = examples.Count;
            examples.AddRange(ToExamples(preference));
            dropped += examples.Count == before ? 1 : 0;
        }

        return new ExampleSet(examples, dropped, parameterName);
    }

    /// <summary>Adjusts the tokenised data before training (KTO adds its mismatched KL completions).</summary>
    private protected virtual void Prepare(List<TokenizedExample> examples, string parameterName)
    {
    }

    /// <summary>The loss of one micro-batch.</summary>
    private protected abstract LossResult ComputeLoss(StepLogProbs logProbs);

    /// <summary>Runs the loop on a worker thread; all torch work of a run stays on that one thread.</summary>
    private protected Task<TrainingResult> TrainExamplesAsync(ExampleSet examples, ExampleSet? evaluation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        if (evaluation is null && (Options.LoadBestModelAtEnd || Options.EarlyStoppingPatience is not null))
        {
            throw new ArgumentException(
                $"{(Options.LoadBestModelAtEnd ? nameof(TrainerOptions.LoadBestModelAtEnd) : nameof(TrainerOptions.EarlyStoppingPatience))} needs an evaluation set; pass evaluation preferences to TrainAsync or turn it off.",
                "evaluationPreferences");
        }

        // One run at a time: two loops over the same model and optimizer state would corrupt both.
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException($"This {Name} trainer is already training; wait for the running call to finish.");
        }

        return Task.Factory.StartNew(
            () =>
            {
                try
                {
                    return Train(examples, evaluation, progress, cancellationToken);
                }
                finally
                {
                    // Leave the model ready for sampling or scoring.
                    _model.SetTraining(false);
                    Volatile.Write(ref _running, 0);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>Tokenises, precomputes the reference and creates the optimizer: everything before the first step.</summary>
    internal PreparedRun PrepareRun(IReadOnlyList<Preference> preferences, IReadOnlyList<Preference>? evaluationPreferences = null)
    {
        return PrepareRun(ToExampleSet(preferences, nameof(preferences)), evaluationPreferences is null ? null : ToExampleSet(evaluationPreferences, nameof(evaluationPreferences)));
    }

    private PreparedRun PrepareRun(ExampleSet examples, ExampleSet? evaluation)
    {
        TrainerOptions o = Options;
        (List<TokenizedExample> items, int skipped) = Tokenize(examples, "training");
        (List<TokenizedExample> Items, int Skipped)? evaluationData = evaluation is null ? null : Tokenize(evaluation, "evaluation");

        IReadOnlyList<(string Name, TorchSharp.Modules.Parameter Parameter)> trainable = _model.TrainableParameters();
        if (trainable.Count == 0)
        {
            throw new InvalidOperationException("The model has no trainable parameters.");
        }

        _model.AdaptersEnabled = true;
        bool hasAdapters = _model.AdaptersEnabled;
        if (UsesReference && !o.PrecomputeReferenceLogProbs && !hasAdapters)
        {
            throw new InvalidOperationException("A live reference needs LoRA adapters (the reference is the model with adapters off); full fine-tuning must precompute reference log-probs.");
        }

        // Before any checkpoint is loaded: the model as handed in is the reference.
        bool precompute = UsesReference && o.PrecomputeReferenceLogProbs;
        float[]? referenceCache = precompute ? ComputeReference(items) : null;
        float[]? evaluationReferenceCache = precompute && evaluationData is { } e ? ComputeReference(e.Items) : null;
        TorchSharp.Modules.Parameter[] parameters = [.. trainable.Select(t => t.Parameter)];
        var adamW = torch.optim.AdamW(parameters, o.LearningRate, o.AdamBeta1, o.AdamBeta2, o.AdamEpsilon, o.WeightDecay);
        return new PreparedRun(items, skipped, o, referenceCache, parameters, adamW, Fingerprint(items))
        {
            EvaluationItems = evaluationData?.Items,
            EvaluationReferenceCache = evaluationReferenceCache,
        };
    }

    /// <summary>Tokenises one set (training or evaluation), logs what was skipped or cut, and checks the lengths against the model.</summary>
    private (List<TokenizedExample> Items, int Skipped) Tokenize(ExampleSet examples, string role)
    {
        TrainerOptions o = Options;
        PreferenceDataset data = PreferenceDataset.Build(examples.Examples, _tokenizer, _chatTemplate, o, examples.ChosenEqualsRejected);
        int offered = examples.Examples.Count + examples.ChosenEqualsRejected;
        string skipSummary = string.Join(", ", data.SkipReasons.Select(kv => $"{kv.Value} {kv.Key}"));
        if (data.Skipped > 0)
        {
            _logger.LogWarning("{Optimizer}: skipped {Skipped} of {Count} {Role} examples ({Reasons}).", Name, data.Skipped, offered, role, skipSummary);
        }

        if (data.TruncatedPrompts + data.TruncatedCompletions > 0)
        {
            _logger.LogInformation("{Optimizer}: truncated {Prompts} {Role} prompts to {MaxPrompt} tokens and {Completions} completions to fit {MaxLength} tokens.", Name, data.TruncatedPrompts, role, o.MaxPromptLength, data.TruncatedCompletions, o.MaxLength);
        }

        if (data.Examples.Count == 0)
        {
            throw new ArgumentException(
                offered == 0
                    ? $"There are no {role} examples."
                    : $"None of the {offered} {role} examples is usable ({skipSummary}).",
                examples.ParameterName);
        }

        Prepare(data.Examples, examples.ParameterName);
        if (_model.MaxPositions is int limit)
        {
            // After Prepare, so KTO's mismatched KL completions are counted too. Past
            // max_position_embeddings the rotary positions are extrapolated: no error from libtorch,
            // just a model trained on positions it was never meant for.
            (int prompt, int completion) = data.Examples
                .Select(e => (e.Prompt.Length, e.Completions.Max(c => c.Length)))
                .MaxBy(lengths => lengths.Item1 + lengths.Item2);
            if (prompt + completion > limit)
            {
                throw new ArgumentException(
                    $"The longest {role} sequence is {prompt + completion} tokens (prompt {prompt} + completion {completion}) but the model's max_position_embeddings is {limit}; set {nameof(TrainerOptions.MaxLength)} (now {o.MaxLength}) to at most {limit}, or raise max_position_embeddings in the model's config to train past it on purpose.",
                    examples.ParameterName);
            }
        }

        return (data.Examples, data.Skipped);
    }

    private TrainingResult Train(ExampleSet examples, ExampleSet? evaluation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainerOptions o = Options;
        TorchThreads.Apply(o.Threads);
        using PreparedRun run = PrepareRun(examples, evaluation);
        int totalSteps = run.TotalSteps;
        CheckpointStore? checkpoints = o.OutputDirectory is null ? null : new CheckpointStore(o.OutputDirectory, o.SaveTotalLimit);
        string? lastCheckpoint = checkpoints?.Latest();
        int startStep = 0;
        double lastLoss = double.NaN;
        Dictionary<string, double> lastMetrics = [];
        if (lastCheckpoint is not null && o.ResumeFromCheckpoint)
        {
            TrainerState state = CheckpointStore.ReadState(lastCheckpoint);
            CheckResumable(state, lastCheckpoint, run);
            _model.LoadTrainable(lastCheckpoint);
            run.AdamW.load_state_dict(Path.Combine(lastCheckpoint, CheckpointStore.OptimizerFileName));
            startStep = state.GlobalStep;
            lastLoss = state.LastLoss;
            lastMetrics = state.LastMetrics;
            _logger.LogInformation("{Optimizer}: resumed from '{Checkpoint}' at step {Step} of {Total}.", Name, lastCheckpoint, startStep, totalSteps);
        }
        else if (lastCheckpoint is not null)
        {
            // Starting afresh beside an earlier run's checkpoints would let pruning (which keeps the
            // highest step numbers) delete this run's new checkpoints, and a later resume pick up
            // the other run's: refuse instead of mixing two runs in one folder.
            throw new InvalidOperationException(
                $"{Name}: '{o.OutputDirectory}' already holds checkpoints of an earlier run (latest '{lastCheckpoint}'). " +
                "Set ResumeFromCheckpoint = true to continue that run, or choose an empty OutputDirectory.");
        }

        using MetricsLog? metricsLog = o.OutputDirectory is null ? null : MetricsLog.Open(Path.Combine(o.OutputDirectory, "metrics.jsonl"), startStep);
        _logger.LogInformation("{Optimizer}: {Count} examples, {Steps} optimizer steps ({Epochs} epochs, batch {Batch} x {Accumulation}), {Warmup} warmup steps.", Name, run.Items.Count, totalSteps, o.Epochs, o.BatchSize, o.GradientAccumulationSteps, run.WarmupSteps);

        // Best-model tracking (evaluation set) and the collapse guard's last good state.
        using var tracker = new RunTracker(o, run.Parameters);
        GuardPrompts? guard = o.CollapseGuard is { } guardOptions ? GuardPrompts.Create(guardOptions, _tokenizer, _chatTemplate) : null;
        if (guard is not null)
        {
            double initial = CheckGuard(guard);
            if (initial < guard.Options.Threshold)
            {
                throw new InvalidOperationException(
                    $"{Name}: the model fails the collapse guard before training (step {startStep}): {initial:P1} of its answers are acceptable, below {nameof(CollapseGuard)}.{nameof(CollapseGuard.Threshold)} {guard.Options.Threshold:P1}. Check the validator and the prompts, or lower the threshold.");
            }

            tracker.GuardPassed(startStep);
            _logger.LogInformation("{Optimizer}: collapse guard passes before training ({Share:P1} acceptable).", Name, initial);
        }

        int savedStep = startStep;
        int lastStep = startStep;
        for (int step = startStep + 1; step <= totalSteps; step++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                if (checkpoints is not null && savedStep != step - 1)
                {
                    lastCheckpoint = SaveCheckpoint(checkpoints, run, step - 1, lastLoss, lastMetrics);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            TrainingProgress report = RunStep(run, step, lastCheckpoint);
            lastStep = step;
            var metrics = new Dictionary<string, double>(report.Metrics, StringComparer.Ordinal);
            bool epochEnd = step % run.StepsPerEpoch == 0 || step == totalSteps;
            if (run.EvaluationItems is not null && (epochEnd || (o.EvalSteps is int every && step % every == 0)))
            {
                Dictionary<string, double> evaluated = Evaluate(run);
                foreach (var (name, value) in evaluated)
                {
                    metrics[name] = value;
                }

                tracker.Evaluated(step, evaluated);
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    _logger.LogInformation("{Optimizer} step {Step}: {Metric} {Value:G6}.", Name, step, o.MetricForBestModel, evaluated[o.MetricForBestModel]);
                }
            }

            bool guardDue = guard is not null && (step % guard.Options.EverySteps == 0 || step == totalSteps || tracker.StopReason != StopReason.Completed);
            if (guardDue)
            {
                double share = CheckGuard(guard!);
                metrics[GuardMetricName] = share;
                if (share < guard!.Options.Threshold)
                {
                    tracker.GuardFailed(step, share, guard.Options.Threshold);
                    _logger.LogWarning("{Optimizer}: collapse guard failed at step {Step} ({Share:P1} acceptable, threshold {Threshold:P1}); stopping.", Name, step, share, guard.Options.Threshold);
                }
                else
                {
                    tracker.GuardPassed(step);
                }
            }

            report = report with { Metrics = metrics };
            lastLoss = report.Loss;
            lastMetrics = metrics;
            metricsLog?.Write(report);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug("{Optimizer} step {Step}/{Total}: loss {Loss:F4}, lr {LearningRate:E2}, {TokensPerSecond:F0} tokens/s.", Name, step, totalSteps, report.Loss, report.LearningRate, report.TokensPerSecond);
            }

            // A collapsed state is never written as a checkpoint: a resume must not start from it.
            if (checkpoints is not null && tracker.StopReason != StopReason.CollapseDetected && (step % o.SaveSteps == 0 || step == totalSteps))
            {
                lastCheckpoint = SaveCheckpoint(checkpoints, run, step, lastLoss, lastMetrics);
                savedStep = step;
            }

            progress?.Report(report);
            if (tracker.StopReason != StopReason.Completed)
            {
                break;
            }
        }

        int keptStep = tracker.Finish(lastStep);
        if (o.OutputDirectory is not null)
        {
            _model.SaveTrainable(o.OutputDirectory);
        }

        _logger.LogInformation("{Optimizer}: {Reason} after {Steps} steps, final loss {Loss:F4}, kept step {Kept}.", Name, tracker.StopReason, lastStep, lastLoss, keptStep);
        return new TrainingResult(Name, lastStep, lastLoss, o.OutputDirectory, run.Skipped, lastMetrics)
        {
            StopReason = tracker.StopReason,
            StopDetail = tracker.StopDetail,
            KeptStep = keptStep,
            BestMetricName = tracker.BestStep is null ? null : o.MetricForBestModel,
            BestMetric = tracker.BestValue,
            EvaluationMetrics = tracker.EvaluationMetricsOf(keptStep),
        };
    }

    /// <summary>The metric under which the collapse guard's share of acceptable answers is reported.</summary>
    public const string GuardMetricName = "guard/acceptable_share";

    /// <summary>
    /// One optimizer step (1-based <paramref name="step"/>): its micro-batches of the epoch's
    /// shuffled order, backward, clipping, AdamW update, all inside one dispose scope.
    /// </summary>
    internal TrainingProgress RunStep(PreparedRun run, int step, string? lastCheckpoint = null)
    {
        TrainerOptions o = Options;
        int epoch = (step - 1) / run.StepsPerEpoch;
        int firstBatch = (step - 1) % run.StepsPerEpoch * o.GradientAccumulationSteps;
        int endBatch = Math.Min(firstBatch + o.GradientAccumulationSteps, run.BatchesPerEpoch);
        int[] order = run.Order(epoch);
        int count = run.Items.Count;
        var adamW = run.AdamW;

        double learningRate = o.LearningRate * LearningRateSchedule.Multiplier(o.Schedule, Math.Min(step - 1, run.TotalSteps), run.WarmupSteps, run.TotalSteps, o.ScheduleCycles);
        foreach (var group in adamW.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        var stopwatch = Stopwatch.StartNew();
        long tokens = 0;
        double loss = 0.0;
        var metricSums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        int microBatches = endBatch - firstBatch;
        double gradientNorm;
        using (torch.NewDisposeScope())
        {
            torch.manual_seed(o.Seed + step);
            for (int batch = firstBatch; batch < endBatch; batch++)
            {
                int start = batch * o.BatchSize;
                int end = Math.Min(start + o.BatchSize, count);
                (LossResult result, long batchTokens) = BatchLoss(run.Items, order[start..end], run.ReferenceCache, training: true);
                tokens += batchTokens;

                double value = result.Loss.item<float>();
                if (!double.IsFinite(value))
                {
                    adamW.zero_grad();
                    throw new TrainingDivergedException(step, "loss", value, lastCheckpoint);
                }

                (result.Loss / microBatches).backward();
                loss += value / microBatches;
                AddMetrics(metricSums, result);
            }

            gradientNorm = o.MaxGradientNorm > 0.0
                ? torch.nn.utils.clip_grad_norm_(run.Parameters, o.MaxGradientNorm)
                : torch.nn.utils.clip_grad_norm_(run.Parameters, float.MaxValue); // libtorch takes max_norm as a float: double.MaxValue overflows
            if (!double.IsFinite(gradientNorm))
            {
                adamW.zero_grad();
                throw new TrainingDivergedException(step, "gradient norm", gradientNorm, lastCheckpoint);
            }

            adamW.step();
            adamW.zero_grad();
        }

        stopwatch.Stop();
        var metrics = metricSums.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count, StringComparer.Ordinal);
        metrics["grad_norm"] = gradientNorm;
        return new TrainingProgress(step, run.TotalSteps, (double)step / run.StepsPerEpoch, loss, learningRate, tokens / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9), metrics);
    }

    /// <summary>
    /// The loss and metrics on the whole evaluation set, without gradient and in evaluation mode,
    /// under TRL's names with the <c>eval_</c> prefix (<c>eval_loss</c>, <c>eval_rewards/accuracies</c>, ...):
    /// means over batches of <see cref="TrainerOptions.BatchSize"/>, one dispose scope per batch.
    /// </summary>
    internal Dictionary<string, double> Evaluate(PreparedRun run)
    {
        List<TokenizedExample> items = run.EvaluationItems ?? throw new InvalidOperationException("The run has no evaluation set.");
        var metricSums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        double loss = 0.0;
        int batches = 0;
        for (int start = 0; start < items.Count; start += Options.BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            int end = Math.Min(start + Options.BatchSize, items.Count);
            (LossResult result, _) = BatchLoss(items, [.. Enumerable.Range(start, end - start)], run.EvaluationReferenceCache, training: false);
            loss += result.Loss.item<float>();
            batches++;
            AddMetrics(metricSums, result);
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["eval_loss"] = loss / batches };
        foreach (var (name, (sum, count)) in metricSums)
        {
            metrics["eval_" + name] = sum / count;
        }

        if (!metrics.ContainsKey(Options.MetricForBestModel))
        {
            throw new ArgumentException(
                $"{nameof(TrainerOptions.MetricForBestModel)} '{Options.MetricForBestModel}' is not among the {Name} evaluation metrics ({string.Join(", ", metrics.Keys.Order(StringComparer.Ordinal))}).",
                nameof(TrainerOptions.MetricForBestModel));
        }

        return metrics;
    }

    /// <summary>The loss of one micro-batch of <paramref name="items"/> (in the current dispose scope).</summary>
    private (LossResult Result, long Tokens) BatchLoss(List<TokenizedExample> items, int[] indices, float[]? referenceCache, bool training)
    {
        TrainerOptions o = Options;
        int size = indices.Length;
        var batchItems = indices.Select(i => items[i]).ToList();
        if (SharesPrompt)
        {
            return SharedPromptBatchLoss(batchItems, indices, referenceCache, training);
        }

        var (inputIds, mask, tokens) = SequenceBatch.Create(batchItems, Slots, _tokenizer.PaddingId, _model.Device);

        // The reference runs first (adapters off, evaluation mode) on the same batch tensors.
        Tensor? referenceSums = !UsesReference ? null
            : referenceCache is not null ? tensor(CachedReference(referenceCache, indices), [Slots, size]).to(_model.Device)
            : ReferenceSums(inputIds, mask).view(Slots, size);

        _model.SetTraining(training);
        Tensor sums, counts;
        Tensor? sequenceSums = null, sequenceCounts = null;
        if (UsesSequenceLogProbs)
        {
            // Prompt and completion tokens: one pass over every position, then both sums from it.
            Tensor sequenceMask = SequenceBatch.TokenMask(batchItems, Slots, inputIds.shape[1], _model.Device);
            Tensor perToken = CompletionLogProbabilities.Compute(_model, inputIds, sequenceMask, o.LogitsChunkTokens);
            Tensor completionMask = mask.to(ScalarType.Float32);
            sums = (perToken * completionMask).sum(1);
            counts = completionMask.sum(1);
            sequenceSums = perToken.sum(1).view(Slots, size);
            sequenceCounts = sequenceMask.to(ScalarType.Float32).sum(1).view(Slots, size);
        }
        else
        {
            (sums, counts) = CompletionLogProbabilities.Sums(_model, inputIds, mask, o.LogitsChunkTokens);
        }

        Tensor labels = tensor(batchItems.Select(e => e.Label).ToArray()).to(_model.Device);
        var logProbs = new StepLogProbs(sums.view(Slots, size), counts.view(Slots, size), referenceSums, labels)
        {
            SequenceSums = sequenceSums,
            SequenceCounts = sequenceCounts,
        };
        return (ComputeLoss(logProbs), tokens);
    }

    /// <summary>
    /// Whether this step runs each prompt once for all of its completions (<see cref="TrainerOptions.SharePromptForward"/>,
    /// a model with a KV cache, two or more completions per example, and no loss over prompt tokens).
    /// </summary>
    private bool SharesPrompt => Options.SharePromptForward && Slots > 1 && !UsesSequenceLogProbs && _model is ICachedCausalLanguageModel;

    /// <summary>
    /// <see cref="BatchLoss"/> with one forward pass per prompt: the completions decode after the
    /// prompt's keys and values, so the prompt's tokens cost one pass instead of <see cref="Slots"/>
    /// (TRL's concatenated forward runs the prompt once per completion). Needs a precomputed
    /// reference or none.
    /// </summary>
    private (LossResult Result, long Tokens) SharedPromptBatchLoss(List<TokenizedExample> batchItems, int[] indices, float[]? referenceCache, bool training)
    {
        int size = indices.Length;
        SharedPromptBatch batch = SequenceBatch.CreateShared(batchItems, Slots, _tokenizer.PaddingId, _model.Device);
        var model = (ICachedCausalLanguageModel)_model;
        Tensor? referenceSums = !UsesReference ? null
            : referenceCache is not null ? tensor(CachedReference(referenceCache, indices), [Slots, size]).to(_model.Device)
            : SharedReferenceSums(model, batch).view(size, Slots).t();
        _model.SetTraining(training);
        var (sums, counts) = CompletionLogProbabilities.SharedPromptSums(
            model, batch.PromptIds, batch.PromptMask, batch.CompletionIds, batch.CompletionMask, Slots, Options.LogitsChunkTokens);

        // Example-major rows back to the slot-major [slots, batch] layout the losses take.
        Tensor labels = tensor(batchItems.Select(e => e.Label).ToArray()).to(_model.Device);
        var logProbs = new StepLogProbs(sums.view(size, Slots).t(), counts.view(size, Slots).t(), referenceSums, labels);
        return (ComputeLoss(logProbs), batch.Tokens);
    }

    /// <summary>The reference over a shared-prompt batch, example-major (see <see cref="AsReference"/>).</summary>
    private Tensor SharedReferenceSums(ICachedCausalLanguageModel model, SharedPromptBatch batch) =>
        AsReference(() => CompletionLogProbabilities.SharedPromptSums(model, batch.PromptIds, batch.PromptMask, batch.CompletionIds, batch.CompletionMask, Slots, Options.LogitsChunkTokens).Sums);

    private static void AddMetrics(Dictionary<string, (double Sum, int Count)> sums, LossResult result)
    {
        foreach (var (name, metric) in result.Metrics)
        {
            if (metric.numel() == 0)
            {
                continue;
            }

            double m = metric.to(ScalarType.Float64).mean().item<double>();
            var (sum, n) = sums.GetValueOrDefault(name);
            sums[name] = (sum + m, n + 1);
        }
    }

    /// <summary>
    /// Generates one answer per guard prompt with <see cref="SequenceSampler"/> (evaluation mode,
    /// no gradient, adapters on, a fixed seed) and returns the validator's share of acceptable answers.
    /// </summary>
    private double CheckGuard(GuardPrompts guard)
    {
        CollapseGuard g = guard.Options;
        var sampler = new SequenceSampler(_model);
        var answers = new List<string>(guard.PromptIds.Count);
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            for (int i = 0; i < guard.PromptIds.Count; i++)
            {
                var options = new SamplingOptions
                {
                    NumSamples = 1,
                    MaxNewTokens = g.MaxNewTokens,
                    Temperature = g.Temperature,
                    StopTokens = guard.StopIds,
                    Seed = g.Seed + i,
                };
                GeneratedSequence answer = sampler.Sample(guard.PromptIds[i], options, ids => _tokenizer.Decode(ids))[0];
                answers.Add(answer.Text ?? string.Empty);
            }
        }

        double share = g.Validator(answers);
        if (!(share >= 0.0 && share <= 1.0))
        {
            throw new InvalidOperationException($"{nameof(CollapseGuard)}.{nameof(CollapseGuard.Validator)} returned {share}; it must return the share of acceptable answers, in [0, 1].");
        }

        return share;
    }

    /// <summary>Reference log-probs for examples, example-major ([example][slot]): the precomputed cache.</summary>
    private float[] ComputeReference(IReadOnlyList<TokenizedExample> examples)
    {
        var result = new float[examples.Count * Slots];
        for (int start = 0; start < examples.Count; start += Options.BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            int size = Math.Min(Options.BatchSize, examples.Count - start);
            var batch = new List<TokenizedExample>(size);
            for (int i = 0; i < size; i++)
            {
                batch.Add(examples[start + i]);
            }

            var (inputIds, mask, _) = SequenceBatch.Create(batch, Slots, _tokenizer.PaddingId, _model.Device);
            float[] values = ReferenceSums(inputIds, mask).cpu().data<float>().ToArray();
            for (int slot = 0; slot < Slots; slot++)
            {
                for (int i = 0; i < size; i++)
                {
                    result[(start + i) * Slots + slot] = values[slot * size + i];
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Summed reference log-probs [slots·batch] (slot-major) of one prepared batch: the model with
    /// adapters off, in evaluation mode, without gradient. Leaves the model in evaluation mode.
    /// </summary>
    private Tensor ReferenceSums(Tensor inputIds, Tensor mask) =>
        AsReference(() => CompletionLogProbabilities.Sums(_model, inputIds, mask, Options.LogitsChunkTokens).Sums);

    /// <summary>
    /// Runs <paramref name="compute"/> as the reference: adapters off, evaluation mode, no gradient;
    /// restores the adapters and leaves the model in evaluation mode.
    /// </summary>
    private Tensor AsReference(Func<Tensor> compute)
    {
        bool adapters = _model.AdaptersEnabled;
        _model.AdaptersEnabled = false;
        _model.SetTraining(false);
        try
        {
            using var noGrad = torch.no_grad();
            return compute();
        }
        finally
        {
            _model.AdaptersEnabled = adapters;
        }
    }

    /// <summary>The cached reference sums of these examples, slot-major ([slot][example]) as the losses take them.</summary>
    private float[] CachedReference(float[] cache, int[] indices)
    {
        var result = new float[indices.Length * Slots];
        for (int i = 0; i < indices.Length; i++)
        {
            for (int slot = 0; slot < Slots; slot++)
            {
                result[slot * indices.Length + i] = cache[indices[i] * Slots + slot];
            }
        }

        return result;
    }

    private string SaveCheckpoint(CheckpointStore store, PreparedRun run, int step, double loss, Dictionary<string, double> metrics)
    {
        var state = new TrainerState
        {
            Optimizer = Name,
            GlobalStep = step,
            TotalSteps = run.TotalSteps,
            Epoch = (double)step / run.StepsPerEpoch,
            DataEpoch = step / run.StepsPerEpoch,
            DataNextBatch = step % run.StepsPerEpoch * Options.GradientAccumulationSteps,
            Examples = run.Items.Count,
            DataFingerprint = run.Fingerprint,
            Seed = Options.Seed,
            Schedule = Options.Schedule.ToString(),
            WarmupSteps = run.WarmupSteps,
            HyperParameters = HyperParameters(),
            LastLoss = loss,
            LastMetrics = metrics,
        };
        string path = store.Save(step, state, directory =>
        {
            _model.SaveTrainable(directory);
            run.AdamW.save_state_dict(Path.Combine(directory, CheckpointStore.OptimizerFileName));
        });
        _logger.LogInformation("{Optimizer}: wrote checkpoint '{Checkpoint}'.", Name, path);
        return path;
    }

    private void CheckResumable(TrainerState state, string checkpoint, PreparedRun run)
    {
        string file = Path.Combine(checkpoint, CheckpointStore.StateFileName);
        void Mismatch(string field, object saved, object now) =>
            throw new InvalidOperationException($"Cannot resume from '{file}': its {field} is {saved} but this run has {now}. Use the same data and options, or a new output directory.");

        if (state.Optimizer != Name)
        {
            Mismatch("optimizer", state.Optimizer, Name);
        }

        if (state.Examples != run.Items.Count)
        {
            Mismatch("examples", state.Examples, run.Items.Count);
        }

        if (state.DataFingerprint != run.Fingerprint)
        {
            Mismatch("data_fingerprint", state.DataFingerprint, run.Fingerprint);
        }

        if (state.TotalSteps != run.TotalSteps)
        {
            Mismatch("total_steps", state.TotalSteps, run.TotalSteps);
        }

        if (state.Seed != Options.Seed)
        {
            Mismatch("seed", state.Seed, Options.Seed);
        }

        if (state.Schedule != Options.Schedule.ToString() || state.WarmupSteps != run.WarmupSteps)
        {
            Mismatch("schedule", $"{state.Schedule}/{state.WarmupSteps}", $"{Options.Schedule}/{run.WarmupSteps}");
        }

        if (state.HyperParameters is { } saved)
        {
            foreach ((string name, string value) in HyperParameters())
            {
                if (saved.TryGetValue(name, out string? before) && before != value)
                {
                    Mismatch(name, before, value);
                }
            }
        }

        if (state.GlobalStep < 0 || state.GlobalStep > run.TotalSteps)
        {
            Mismatch("global_step", state.GlobalStep, $"at most {run.TotalSteps} steps");
        }
    }

    /// <summary>
    /// The settings that change what a step computes, by TRL-style names, for <c>trainer_state.json</c>:
    /// the optimizer and batching ones here, the loss's own from <see cref="LossSettings"/>. Gradient
    /// clipping and the reference mode are left out on purpose: tightening clipping after a spike is
    /// a normal reason to resume, and a precomputed reference equals the live one.
    /// </summary>
    internal Dictionary<string, string> HyperParameters()
    {
        TrainerOptions o = Options;
        var settings = new Dictionary<string, string>
        {
            ["learning_rate"] = SettingText(o.LearningRate),
            ["lr_scheduler_cycles"] = o.ScheduleCycles.ToString(CultureInfo.InvariantCulture),
            ["weight_decay"] = SettingText(o.WeightDecay),
            ["adam_beta1"] = SettingText(o.AdamBeta1),
            ["adam_beta2"] = SettingText(o.AdamBeta2),
            ["adam_epsilon"] = SettingText(o.AdamEpsilon),

            // The saved data position counts micro-batches, so the split of a step matters.
            ["per_device_train_batch_size"] = o.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["gradient_accumulation_steps"] = o.GradientAccumulationSteps.ToString(CultureInfo.InvariantCulture),
        };
        foreach ((string name, string value) in LossSettings())
        {
            settings[name] = value;
        }

        return settings;
    }

    /// <summary>The loss's own settings (beta, gamma, ...) that a resumed run must keep.</summary>
    private protected virtual IEnumerable<(string Name, string Value)> LossSettings() => [];

    /// <summary>A setting's value as invariant, round-trippable text.</summary>
    private protected static string SettingText(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The example order of an epoch: a Fisher-Yates shuffle seeded by seed and epoch, so a resumed run sees the same order.</summary>
    internal static int[] EpochOrder(int count, int seed, int epoch)
    {
        int[] order = [.. Enumerable.Range(0, count)];
        var random = new Random(unchecked(seed + (epoch * 1_000_003)));
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static string Fingerprint(List<TokenizedExample> items)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[4];
        void Add(int value)
        {
            BitConverter.TryWriteBytes(buffer, value);
            hash.AppendData(buffer);
        }

        foreach (TokenizedExample item in items)
        {
            Add(item.Label ? 1 : 0);
            Add(item.Prompt.Length);
            foreach (int id in item.Prompt)
            {
                Add(id);
            }

            foreach (int[] completion in item.Completions)
            {
                Add(completion.Length);
                foreach (int id in completion)
                {
                    Add(id);
                }
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLower(CultureInfo.InvariantCulture);
    }
}
