namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Everything a run holds between steps: the tokenised examples, the cached reference log-probs,
/// the trainable parameters and AdamW, and the step arithmetic. Owns the optimizer.
/// </summary>
internal sealed class PreparedRun : IDisposable
{
    private int[] _order = [];
    private int _orderEpoch = -1;

    public PreparedRun(List<TokenizedExample> items, int skipped, PreferenceOptimizerOptions options, float[]? referenceCache, TorchSharp.Modules.Parameter[] parameters, TorchSharp.Modules.AdamW optimizer, string fingerprint)
    {
        Items = items;
        Skipped = skipped;
        ReferenceCache = referenceCache;
        Parameters = parameters;
        Optimizer = optimizer;
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

    public TorchSharp.Modules.AdamW Optimizer { get; }

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
            _order = PreferenceTrainer.EpochOrder(Items.Count, Seed, epoch);
            _orderEpoch = epoch;
        }

        return _order;
    }

    public void Dispose() => Optimizer.Dispose();
}
