namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Everything a run holds between steps: the tokenised examples, the cached reference log-probs,
/// the trainable parameters and AdamW, the evaluation set, and the step arithmetic. Owns AdamW.
/// </summary>
internal sealed class PreparedRun : IDisposable
{
    private int[] _order = [];
    private int _orderEpoch = -1;

    public PreparedRun(List<TokenizedExample> items, int skipped, TrainerOptions options, float[]? referenceCache, TorchSharp.Modules.Parameter[] parameters, TorchSharp.Modules.AdamW adamW, string fingerprint)
    {
        Items = items;
        Skipped = skipped;
        ReferenceCache = referenceCache;
        Parameters = parameters;
        AdamW = adamW;
        Fingerprint = fingerprint;
        Seed = options.Seed;
        BatchesPerEpoch = (items.Count + options.BatchSize - 1) / options.BatchSize;
        StepsPerEpoch = (BatchesPerEpoch + options.GradientAccumulationSteps - 1) / options.GradientAccumulationSteps;
        TotalSteps = StepsPerEpoch * options.Epochs;
        WarmupSteps = (int)Math.Ceiling(TotalSteps * options.WarmupRatio);
    }

    public List<TokenizedExample> Items { get; }

    public int Skipped { get; }

    /// <summary>Reference log-prob sums, example-major ([example][slot]); null when computed live or unused.</summary>
    public float[]? ReferenceCache { get; }

    public TorchSharp.Modules.Parameter[] Parameters { get; }

    /// <summary>The parameter optimizer (AdamW; "optimizer" in this library means the preference method).</summary>
    public TorchSharp.Modules.AdamW AdamW { get; }

    /// <summary>The tokenised evaluation set, or null without one.</summary>
    public List<TokenizedExample>? EvaluationItems { get; init; }

    /// <summary>Reference log-prob sums of the evaluation set, example-major; null when computed live or unused.</summary>
    public float[]? EvaluationReferenceCache { get; init; }

    public string Fingerprint { get; }

    public int Seed { get; }

    public int BatchesPerEpoch { get; }

    public int StepsPerEpoch { get; }

    public int TotalSteps { get; }

    public int WarmupSteps { get; }

    /// <summary>The epoch's example order (cached: a step asks for the same epoch many times).</summary>
    public int[] Order(int epoch)
    {
        if (epoch != _orderEpoch)
        {
            _order = LanguageModelTrainer.EpochOrder(Items.Count, Seed, epoch);
            _orderEpoch = epoch;
        }

        return _order;
    }

    public void Dispose() => AdamW.Dispose();
}
