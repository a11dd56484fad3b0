using WrongOverWrong.Training.Optimization;

namespace WrongOverWrong.Training;

/// <summary>Settings of <see cref="LoraPolicy"/>; defaults follow the paper (LoRA r 16, alpha 16, dropout 0 on all projections; DPO β 0.1, lr 5e-5, cosine, 10% warmup, 3 epochs).</summary>
public sealed record LoraPolicyOptions
{
    /// <summary>The adapters attached to the base model for every arm.</summary>
    public LoraOptions Lora { get; init; } = new();

    /// <summary>The optimizer settings (the grid's learning rate and epochs override theirs per arm).</summary>
    public PreferenceOptimizerOptions Training { get; init; } = new();

    /// <summary>Sampling defaults of the base and aligned chat clients.</summary>
    public LocalChatClientOptions Sampling { get; init; } = new();

    /// <summary>A name of the base model for the run manifest (for example its folder).</summary>
    public string BaseModelName { get; init; } = "base";
}
