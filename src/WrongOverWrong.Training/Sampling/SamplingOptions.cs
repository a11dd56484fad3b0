namespace WrongOverWrong.Training.Sampling;

/// <summary>How to sample completions. Defaults are plain ancestral sampling at temperature 1.</summary>
public sealed record SamplingOptions
{
    /// <summary>Completions to draw for each prompt (they share one prefill of the prompt).</summary>
    public int NumSamples { get; init; } = 1;

    /// <summary>Most tokens to generate per completion.</summary>
    public int MaxNewTokens { get; init; } = 128;

    /// <summary>Softmax temperature; 0 means greedy (argmax).</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches this mass (1 = off).</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Keep only the k most likely tokens (0 = off).</summary>
    public int TopK { get; init; }

    /// <summary>Token ids that end a completion (for example the tokenizer's EOS and <c>&lt;|eot_id|&gt;</c>).</summary>
    public IReadOnlyList<int> StopTokens { get; init; } = [];

    /// <summary>Seed of the sampling generator: the same seed, prompt and model give the same completions.</summary>
    public long Seed { get; init; }

    /// <summary>Reuse keys and values of earlier positions (on by default; off recomputes the whole sequence each step).</summary>
    public bool UseKeyValueCache { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range field.</summary>
    public void Validate()
    {
        if (NumSamples < 1)
        {
            throw new ArgumentException($"NumSamples must be at least 1 but is {NumSamples}.", nameof(NumSamples));
        }

        if (MaxNewTokens < 1)
        {
            throw new ArgumentException($"MaxNewTokens must be at least 1 but is {MaxNewTokens}.", nameof(MaxNewTokens));
        }

        if (!(Temperature >= 0) || double.IsInfinity(Temperature))
        {
            throw new ArgumentException($"Temperature must be finite and non-negative but is {Temperature}.", nameof(Temperature));
        }

        if (!(TopP > 0 && TopP <= 1))
        {
            throw new ArgumentException($"TopP must be in (0, 1] but is {TopP}.", nameof(TopP));
        }

        if (TopK < 0)
        {
            throw new ArgumentException($"TopK must be non-negative but is {TopK}.", nameof(TopK));
        }
    }
}
