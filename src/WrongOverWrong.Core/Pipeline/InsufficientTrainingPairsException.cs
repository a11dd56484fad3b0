namespace WrongOverWrong.Pipeline;

/// <summary>No training source gave enough pairs to train on; the message lists each source's count.</summary>
public sealed class InsufficientTrainingPairsException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="counts">Pairs per source.</param>
    /// <param name="minimum">The minimum a source needs.</param>
    public InsufficientTrainingPairsException(IReadOnlyDictionary<string, int> counts, int minimum)
        : base($"Too few pairs to train any arm (each source needs at least {minimum}): {string.Join(", ", counts.Select(kv => $"{kv.Key} gave {kv.Value}"))}. Sample more questions, or a model that is wrong more often (a model that is always right forms no WoW pairs).")
    {
        Counts = counts;
        Minimum = minimum;
    }

    /// <summary>Pairs per source.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; }

    /// <summary>The minimum a source needs.</summary>
    public int Minimum { get; }
}
