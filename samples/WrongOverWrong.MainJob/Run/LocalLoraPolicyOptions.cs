namespace WrongOverWrong.MainJob.Run;

/// <summary>How <see cref="LocalLoraPolicy"/> trains an arm.</summary>
public sealed record LocalLoraPolicyOptions
{
    /// <summary>Learning rate (small: the tiny model collapses at the paper's LoRA rates, see PROBES.md).</summary>
    public double LearningRate { get; init; } = 5e-5;

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Pairs per optimizer step.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>LoRA rank (the paper's 16).</summary>
    public int LoraRank { get; init; } = 16;

    /// <summary>LoRA alpha (the paper's 16).</summary>
    public double LoraAlpha { get; init; } = 16;

    /// <summary>New tokens per sampled answer (the shipped model's answers are about 25 tokens).</summary>
    public int MaxOutputTokens { get; init; } = 64;
}
