using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// The training loop every optimizer shares (TRL's design: one loop, one loss function per
/// method). It tokenises the data, precomputes reference log-probs once, then runs AdamW with a
/// scheduled learning rate, gradient accumulation and clipping, reports progress, writes
/// <c>metrics.jsonl</c> and atomic checkpoints, resumes from the newest checkpoint, and stops with
/// <see cref="TrainingDivergedException"/> on a non-finite loss.
/// </summary>
/// <remarks>
/// Full fine-tuning or LoRA follows from the model: it trains whatever
/// <see cref="ICausalLanguageModel.TrainableParameters"/> returns. With LoRA the reference is the
/// same model with adapters off; with full fine-tuning it is the model as handed in, which is why
/// reference log-probs are computed before the first step (and before a checkpoint is loaded on
/// resume: pass the same base weights again).
/// </remarks>
public abstract class PreferenceTrainer : IPreferenceOptimizer
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
    private protected PreferenceTrainer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, PreferenceOptimizerOptions? options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(chatTemplate);
        Options = options ?? new PreferenceOptimizerOptions();
        Options.Validate();
        TorchSharpNative.EnsureLoaded();
        _model = model;
        _tokenizer = tokenizer;
        _chatTemplate = chatTemplate;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>The options this trainer runs with.</summary>
    public PreferenceOptimizerOptions Options { get; }

    /// <summary>Completion slots per example after <see cref="Prepare"/> (2 for pairs).</summary>
    private protected abstract int Slots { get; }

    /// <summary>Whether the loss needs reference log-probs.</summary>
    private protected abstract bool UsesReference { get; }

    /// <inheritdoc/>
    public Task<TrainingResult> TrainAsync(IReadOnlyList<Preference> preferences, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var examples = new List<TrainingExample>(preferences.Count);
        for (int i = 0; i < preferences.Count; i++)
        {
            Preference preference = preferences[i]
                ?? throw new ArgumentException($"Preference {i} is null.", nameof(preferences));
            if (preference.Prompt is null || preference.Chosen is null || preference.Rejected is null)
            {
                throw new ArgumentException($"Preference {i} (question '{preference.QuestionId}') has a null prompt, chosen or rejected text.", nameof(preferences));
            }

            examples.AddRange(ToExamples(preference));
        }

        return TrainExamplesAsync(examples, nameof(preferences), progress, cancellationToken);
    }

    /// <summary>The examples one preference becomes (one pair by default; KTO splits it in two).</summary>
    private protected virtual IEnumerable<TrainingExample> ToExamples(Preference preference)
    {
        yield return new TrainingExample(preference.QuestionId, preference.Prompt, [preference.Chosen, preference.Rejected], true);
    }

    /// <summary>Adjusts the tokenised data before training (KTO adds its mismatched KL completions).</summary>
    private protected virtual void Prepare(List<TokenizedExample> examples, string parameterName)
    {
    }

    /// <summary>The loss of one micro-batch.</summary>
    private protected abstract LossResult ComputeLoss(StepLogProbs logProbs);

    /// <summary>Runs the loop on a worker thread; all torch work of a run stays on that one thread.</summary>
    private protected Task<TrainingResult> TrainExamplesAsync(IReadOnlyList<TrainingExample> examples, string parameterName, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
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
                    return Train(examples, parameterName, progress, cancellationToken);
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
    internal PreparedRun PrepareRun(IReadOnlyList<Preference> preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return PrepareRun([.. preferences.SelectMany(ToExamples)], nameof(preferences));
    }

    private PreparedRun PrepareRun(IReadOnlyList<TrainingExample> examples, string parameterName)
    {
        PreferenceOptimizerOptions o = Options;
        PreferenceDataset data = PreferenceDataset.Build(examples, _tokenizer, _chatTemplate, o);
        string skipSummary = string.Join(", ", data.SkipReasons.Select(kv => $"{kv.Value} {kv.Key}"));
        if (data.Skipped > 0)
        {
            _logger.LogWarning("{Optimizer}: skipped {Skipped} of {Count} examples ({Reasons}).", Name, data.Skipped, examples.Count, skipSummary);
        }

        if (data.TruncatedPrompts + data.TruncatedCompletions > 0)
        {
            _logger.LogInformation("{Optimizer}: truncated {Prompts} prompts to {MaxPrompt} tokens and {Completions} completions to fit {MaxLength} tokens.", Name, data.TruncatedPrompts, o.MaxPromptLength, data.TruncatedCompletions, o.MaxLength);
        }

        if (data.Examples.Count == 0)
        {
            throw new ArgumentException(
                examples.Count == 0
                    ? "There are no training examples."
                    : $"None of the {examples.Count} training examples is usable ({skipSummary}).",
                parameterName);
        }

        Prepare(data.Examples, parameterName);
        if (_model is LlamaForCausalLM llama)
        {
            // After Prepare, so KTO's mismatched KL completions are counted too. Past
            // max_position_embeddings the rotary positions are extrapolated: no error from libtorch,
            // just a model trained on positions it was never meant for.
            int limit = llama.Config.MaxPositionEmbeddings;
            (int prompt, int completion) = data.Examples
                .Select(e => (e.Prompt.Length, e.Completions.Max(c => c.Length)))
                .MaxBy(lengths => lengths.Item1 + lengths.Item2);
            if (prompt + completion > limit)
            {
                throw new ArgumentException(
                    $"The longest training sequence is {prompt + completion} tokens (prompt {prompt} + completion {completion}) but the model's max_position_embeddings is {limit}; set {nameof(PreferenceOptimizerOptions.MaxLength)} (now {o.MaxLength}) to at most {limit}, or raise max_position_embeddings in the model's config to train past it on purpose.",
                    parameterName);
            }
        }

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
        float[]? referenceCache = UsesReference && o.PrecomputeReferenceLogProbs ? ComputeReference(data.Examples) : null;
        TorchSharp.Modules.Parameter[] parameters = [.. trainable.Select(t => t.Parameter)];
        var optimizer = torch.optim.AdamW(parameters, o.LearningRate, o.AdamBeta1, o.AdamBeta2, o.AdamEpsilon, o.WeightDecay);
        return new PreparedRun(data.Examples, data.Skipped, o, referenceCache, parameters, optimizer, Fingerprint(data.Examples));
    }

    private TrainingResult Train(IReadOnlyList<TrainingExample> examples, string parameterName, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        PreferenceOptimizerOptions o = Options;
        using PreparedRun run = PrepareRun(examples, parameterName);
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
            run.Optimizer.load_state_dict(Path.Combine(lastCheckpoint, CheckpointStore.OptimizerFileName));
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

        int savedStep = startStep;
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
            lastLoss = report.Loss;
            lastMetrics = (Dictionary<string, double>)report.Metrics;
            metricsLog?.Write(report);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug("{Optimizer} step {Step}/{Total}: loss {Loss:F4}, lr {LearningRate:E2}, {TokensPerSecond:F0} tokens/s.", Name, step, totalSteps, report.Loss, report.LearningRate, report.TokensPerSecond);
            }

            if (checkpoints is not null && (step % o.SaveSteps == 0 || step == totalSteps))
            {
                lastCheckpoint = SaveCheckpoint(checkpoints, run, step, lastLoss, lastMetrics);
                savedStep = step;
            }

            progress?.Report(report);
        }

        if (o.OutputDirectory is not null)
        {
            _model.SaveTrainable(o.OutputDirectory);
        }

        _logger.LogInformation("{Optimizer}: finished {Steps} steps, final loss {Loss:F4}.", Name, totalSteps, lastLoss);
        return new TrainingResult(Name, totalSteps, lastLoss, o.OutputDirectory, run.Skipped, lastMetrics);
    }

    /// <summary>
    /// One optimizer step (1-based <paramref name="step"/>): its micro-batches of the epoch's
    /// shuffled order, backward, clipping, AdamW update, all inside one dispose scope.
    /// </summary>
    internal TrainingProgress RunStep(PreparedRun run, int step, string? lastCheckpoint = null)
    {
        PreferenceOptimizerOptions o = Options;
        int epoch = (step - 1) / run.StepsPerEpoch;
        int firstBatch = (step - 1) % run.StepsPerEpoch * o.GradientAccumulationSteps;
        int endBatch = Math.Min(firstBatch + o.GradientAccumulationSteps, run.BatchesPerEpoch);
        int[] order = run.Order(epoch);
        int count = run.Items.Count;
        var optimizer = run.Optimizer;

        double learningRate = o.LearningRate * LearningRateSchedule.Multiplier(o.Schedule, Math.Min(step - 1, run.TotalSteps), run.WarmupSteps, run.TotalSteps, o.ScheduleCycles);
        foreach (var group in optimizer.ParamGroups)
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
                var batchIndices = order[start..end];
                var batchItems = batchIndices.Select(i => run.Items[i]).ToList();

                int size = batchItems.Count;
                var (inputIds, mask, batchTokens) = SequenceBatch.Create(batchItems, Slots, _tokenizer.PaddingId, _model.Device);
                tokens += batchTokens;

                // The reference runs first (adapters off, evaluation mode) on the same batch tensors.
                Tensor? referenceSums = !UsesReference ? null
                    : run.ReferenceCache is not null ? tensor(CachedReference(run.ReferenceCache, batchIndices), [Slots, size]).to(_model.Device)
                    : ReferenceSums(inputIds, mask).view(Slots, size);

                _model.SetTraining(true);
                var (sums, counts) = CompletionLogProbabilities.Sums(_model, inputIds, mask, o.LogitsChunkTokens);
                Tensor labels = tensor(batchItems.Select(e => e.Label).ToArray()).to(_model.Device);
                LossResult result = ComputeLoss(new StepLogProbs(sums.view(Slots, size), counts.view(Slots, size), referenceSums, labels));

                double value = result.Loss.item<float>();
                if (!double.IsFinite(value))
                {
                    optimizer.zero_grad();
                    throw new TrainingDivergedException(step, "loss", value, lastCheckpoint);
                }

                (result.Loss / microBatches).backward();
                loss += value / microBatches;
                foreach (var (name, metric) in result.Metrics)
                {
                    if (metric.numel() == 0)
                    {
                        continue;
                    }

                    double m = metric.to(ScalarType.Float64).mean().item<double>();
                    var (sum, n) = metricSums.GetValueOrDefault(name);
                    metricSums[name] = (sum + m, n + 1);
                }
            }

            gradientNorm = o.MaxGradientNorm > 0.0
                ? torch.nn.utils.clip_grad_norm_(run.Parameters, o.MaxGradientNorm)
                : torch.nn.utils.clip_grad_norm_(run.Parameters, double.MaxValue);
            if (!double.IsFinite(gradientNorm))
            {
                optimizer.zero_grad();
                throw new TrainingDivergedException(step, "gradient norm", gradientNorm, lastCheckpoint);
            }

            optimizer.step();
            optimizer.zero_grad();
        }

        stopwatch.Stop();
        var metrics = metricSums.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count, StringComparer.Ordinal);
        metrics["grad_norm"] = gradientNorm;
        return new TrainingProgress(step, run.TotalSteps, (double)step / run.StepsPerEpoch, loss, learningRate, tokens / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9), metrics);
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
    private Tensor ReferenceSums(Tensor inputIds, Tensor mask)
    {
        bool adapters = _model.AdaptersEnabled;
        _model.AdaptersEnabled = false;
        _model.SetTraining(false);
        try
        {
            using var noGrad = torch.no_grad();
            return CompletionLogProbabilities.Sums(_model, inputIds, mask, Options.LogitsChunkTokens).Sums;
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
            run.Optimizer.save_state_dict(Path.Combine(directory, CheckpointStore.OptimizerFileName));
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
        PreferenceOptimizerOptions o = Options;
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
