namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Options shared by every preference optimizer and the supervised trainer. Defaults are the
/// paper's DPO settings (beta 0.1, learning rate 5e-5, cosine with 10% warmup, weight decay 1e-5,
/// 3 epochs, batch 1, max length 1536 with prompt 512, seed 42). Immutable: copy with <c>with</c>.
/// </summary>
public sealed record PreferenceOptimizerOptions
{
    /// <summary>β: the KL strength for DPO/IPO/KTO and the reward scale for SimPO.</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>The DPO loss shape (sigmoid, hinge or robust).</summary>
    public DpoVariant DpoVariant { get; init; } = DpoVariant.Sigmoid;

    /// <summary>Label smoothing ε for DPO sigmoid (conservative DPO) and robust DPO, in [0, 0.5).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>SimPO's target margin γ (TRL default 0.5).</summary>
    public double SimPoGamma { get; init; } = 0.5;

    /// <summary>ORPO's odds-ratio weight λ (0.1).</summary>
    public double OrpoLambda { get; init; } = 0.1;

    /// <summary>KTO weight of desirable examples.</summary>
    public double KtoDesirableWeight { get; init; } = 1.0;

    /// <summary>KTO weight of undesirable examples.</summary>
    public double KtoUndesirableWeight { get; init; } = 1.0;

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
    /// Computes reference log-probs once for the whole dataset before training (true, the default)
    /// instead of a reference forward pass every step. Full fine-tuning requires true: the model
    /// before the first step is the reference.
    /// </summary>
    public bool PrecomputeReferenceLogProbs { get; init; } = true;

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

        Positive(Beta, nameof(Beta));
        Positive(LearningRate, nameof(LearningRate));
        Positive(OrpoLambda, nameof(OrpoLambda));
        Positive(KtoDesirableWeight, nameof(KtoDesirableWeight));
        Positive(KtoUndesirableWeight, nameof(KtoUndesirableWeight));
        Positive(AdamEpsilon, nameof(AdamEpsilon));
        if (LabelSmoothing < 0.0 || LabelSmoothing >= 0.5)
        {
            throw new ArgumentException($"{nameof(LabelSmoothing)} must lie in [0, 0.5), got {LabelSmoothing}.", nameof(LabelSmoothing));
        }

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
    }
}
