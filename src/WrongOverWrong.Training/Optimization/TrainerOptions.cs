using WrongOverWrong.Training.Native;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// The settings every trainer shares (TRL's <c>TrainingArguments</c>): AdamW and its schedule,
/// batching, lengths, clipping, seed, checkpoints, evaluation and the collapse guard. Each loss's
/// own settings live in its own type (<see cref="DpoOptions"/>, <see cref="IpoOptions"/>,
/// <see cref="SimPoOptions"/>, <see cref="OrpoOptions"/>, <see cref="KtoOptions"/>). Defaults are
/// the paper's (learning rate 5e-5, cosine with 10% warmup, weight decay 1e-5, 3 epochs, batch 1,
/// max length 1536 with prompt 512, seed 42). Immutable: copy with <c>with</c>.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Peak learning rate of AdamW.</summary>
    public double LearningRate { get; init; } = 5e-5;

    /// <summary>The learning-rate schedule after warmup.</summary>
    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Cosine;

    /// <summary>Share of all optimizer steps spent warming up linearly from zero (rounded up, as Hugging Face does).</summary>
    public double WarmupRatio { get; init; } = 0.1;

    /// <summary>Hard restarts for <see cref="LearningRateScheduleKind.CosineWithRestarts"/>.</summary>
    public int ScheduleCycles { get; init; } = 1;

    /// <summary>AdamW's decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-5;

    /// <summary>AdamW β1.</summary>
    public double AdamBeta1 { get; init; } = 0.9;

    /// <summary>AdamW β2.</summary>
    public double AdamBeta2 { get; init; } = 0.999;

    /// <summary>AdamW ε.</summary>
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Passes over the data.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Examples (pairs, or completions for KTO) per micro-batch.</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Micro-batches whose gradients add up to one optimizer step.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Longest prompt + completion in tokens; longer completions are cut at the end.</summary>
    public int MaxLength { get; init; } = 1536;

    /// <summary>Longest prompt in tokens; longer prompts keep their end (TRL's <c>keep_end</c>).</summary>
    public int MaxPromptLength { get; init; } = 512;

    /// <summary>Gradient clipping by global L2 norm; 0 or less turns clipping off.</summary>
    public double MaxGradientNorm { get; init; } = 1.0;

    /// <summary>Seeds data shuffling and torch's generator; with the same seed a CPU run is repeatable.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// libtorch's intra-op threads for the run. Null (default): <see cref="TorchThreads.PhysicalCoreCount"/>.
    /// On a machine shared with other work, fewer threads than cores avoid oversubscription: on a
    /// loaded 2-core machine 2 threads made SFT steps about 30x slower than 1.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Computes reference log-probs once for the whole dataset before training (true, the default)
    /// instead of a reference forward pass every step. Full fine-tuning requires true: the model
    /// before the first step is the reference.
    /// </summary>
    public bool PrecomputeReferenceLogProbs { get; init; } = true;

    /// <summary>
    /// Runs each prompt through the model once for all of its completions (true, the default) when
    /// the loss compares two or more completions per prompt (DPO, IPO, ORPO, SimPO) and the model
    /// has a KV cache: the completions decode after the prompt's keys and values, and gradients
    /// flow back through them, so the loss and its gradients are those of the concatenated forward
    /// pass (TRL's, false) up to float noise while the prompt's tokens are computed once instead
    /// of once per completion. The paper's prompts are long and its answers short, so this removes
    /// close to half of a preference step's work there. ORPO with
    /// <see cref="OrpoNllNormalization.PromptAndCompletionTokens"/> needs prompt log-probs and keeps
    /// the concatenated pass.
    /// </summary>
    public bool SharePromptForward { get; init; } = true;

    /// <summary>
    /// Completion positions projected to the vocabulary at once when computing log-probs, so the
    /// [tokens, vocabulary] logits exist one chunk at a time.
    /// </summary>
    public int LogitsChunkTokens { get; init; } = 512;

    /// <summary>
    /// Where checkpoints (<c>checkpoint-&lt;step&gt;/</c>), the metrics log (<c>metrics.jsonl</c>)
    /// and the final weights go; <see langword="null"/> keeps everything in memory.
    /// </summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Optimizer steps between checkpoints (a checkpoint is also written at the last step and on cancellation).</summary>
    public int SaveSteps { get; init; } = 500;

    /// <summary>How many of the newest checkpoints to keep; <see langword="null"/> keeps all.</summary>
    public int? SaveTotalLimit { get; init; } = 2;

    /// <summary>
    /// Continue from the newest checkpoint in <see cref="OutputDirectory"/> when there is one. When
    /// false, a folder that already holds checkpoints is refused (two runs never share a folder).
    /// </summary>
    public bool ResumeFromCheckpoint { get; init; } = true;

    /// <summary>
    /// Optimizer steps between evaluations on the evaluation set (TRL's <c>eval_steps</c>);
    /// evaluation also runs at the end of every epoch. Null: at epoch ends only. Without an
    /// evaluation set nothing is evaluated.
    /// </summary>
    public int? EvalSteps { get; init; }

    /// <summary>
    /// The evaluation metric that picks the best checkpoint and drives early stopping (TRL's
    /// <c>metric_for_best_model</c>, with its <c>eval_</c> prefix): <c>eval_loss</c> (the default),
    /// <c>eval_rewards/accuracies</c>, <c>eval_rewards/margins</c>, ...
    /// </summary>
    public string MetricForBestModel { get; init; } = "eval_loss";

    /// <summary>Whether a larger <see cref="MetricForBestModel"/> is better; null infers it as TRL does (names ending in "loss" are lower-is-better).</summary>
    public bool? GreaterIsBetter { get; init; }

    /// <summary>
    /// At the end (also after early stopping) restore the trainable weights of the evaluation with
    /// the best <see cref="MetricForBestModel"/> (TRL's <c>load_best_model_at_end</c>); needs an
    /// evaluation set. The best weights are kept as an in-memory copy of the trainable parameters
    /// (small with LoRA; a second copy of the model with full fine-tuning).
    /// </summary>
    public bool LoadBestModelAtEnd { get; init; }

    /// <summary>
    /// Stop after this many evaluations in a row without an improvement of
    /// <see cref="MetricForBestModel"/> by more than <see cref="EarlyStoppingThreshold"/> (TRL's
    /// <c>EarlyStoppingCallback</c>); null turns early stopping off. Needs an evaluation set.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>How much <see cref="MetricForBestModel"/> must improve to count as an improvement (TRL's <c>early_stopping_threshold</c>, 0).</summary>
    public double EarlyStoppingThreshold { get; init; }

    /// <summary>
    /// Checks generations every few steps and stops training, restoring the last state that
    /// passed, when the share of acceptable answers falls below a threshold; null turns it off.
    /// </summary>
    public CollapseGuard? CollapseGuard { get; init; }

    /// <summary>Checks every value and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        static void Positive(double value, string name)
        {
            if (!(value > 0.0) || double.IsInfinity(value))
            {
                throw new ArgumentException($"{name} must be a positive finite number, got {value}.", name);
            }
        }

        static void AtLeast(int value, int minimum, string name)
        {
            if (value < minimum)
            {
                throw new ArgumentException($"{name} must be at least {minimum}, got {value}.", name);
            }
        }

        Positive(LearningRate, nameof(LearningRate));
        Positive(AdamEpsilon, nameof(AdamEpsilon));

        if (WarmupRatio < 0.0 || WarmupRatio > 1.0)
        {
            throw new ArgumentException($"{nameof(WarmupRatio)} must lie in [0, 1], got {WarmupRatio}.", nameof(WarmupRatio));
        }

        if (WeightDecay < 0.0 || AdamBeta1 < 0.0 || AdamBeta1 >= 1.0 || AdamBeta2 < 0.0 || AdamBeta2 >= 1.0)
        {
            throw new ArgumentException("WeightDecay must be non-negative and the Adam betas must lie in [0, 1).", nameof(WeightDecay));
        }

        AtLeast(Epochs, 1, nameof(Epochs));
        AtLeast(BatchSize, 1, nameof(BatchSize));
        AtLeast(GradientAccumulationSteps, 1, nameof(GradientAccumulationSteps));
        AtLeast(ScheduleCycles, 1, nameof(ScheduleCycles));
        AtLeast(MaxPromptLength, 1, nameof(MaxPromptLength));
        AtLeast(LogitsChunkTokens, 1, nameof(LogitsChunkTokens));
        AtLeast(SaveSteps, 1, nameof(SaveSteps));
        if (MaxLength <= MaxPromptLength)
        {
            throw new ArgumentException($"{nameof(MaxLength)} ({MaxLength}) must exceed {nameof(MaxPromptLength)} ({MaxPromptLength}) to leave room for the completion.", nameof(MaxLength));
        }

        if (SaveTotalLimit is < 1)
        {
            throw new ArgumentException($"{nameof(SaveTotalLimit)} must be at least 1 or null, got {SaveTotalLimit}.", nameof(SaveTotalLimit));
        }

        if (EvalSteps is < 1)
        {
            throw new ArgumentException($"{nameof(EvalSteps)} must be at least 1 or null, got {EvalSteps}.", nameof(EvalSteps));
        }

        if (EarlyStoppingPatience is < 1)
        {
            throw new ArgumentException($"{nameof(EarlyStoppingPatience)} must be at least 1 or null, got {EarlyStoppingPatience}.", nameof(EarlyStoppingPatience));
        }

        if (!(EarlyStoppingThreshold >= 0.0) || double.IsInfinity(EarlyStoppingThreshold))
        {
            throw new ArgumentException($"{nameof(EarlyStoppingThreshold)} must be a non-negative finite number, got {EarlyStoppingThreshold}.", nameof(EarlyStoppingThreshold));
        }

        if (string.IsNullOrWhiteSpace(MetricForBestModel))
        {
            throw new ArgumentException($"{nameof(MetricForBestModel)} must name a metric (for example eval_loss).", nameof(MetricForBestModel));
        }

        CollapseGuard?.Validate();
    }

    /// <summary>Whether a larger <see cref="MetricForBestModel"/> is better: <see cref="GreaterIsBetter"/>, else false for names ending in "loss" (TRL's rule).</summary>
    internal bool MetricGreaterIsBetter =>
        GreaterIsBetter ?? !MetricForBestModel.EndsWith("loss", StringComparison.Ordinal);
}
