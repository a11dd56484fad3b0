using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Optimization;

namespace WrongOverWrong.Training.Pipeline;

/// <summary>Settings of <see cref="LoraPolicy"/>; defaults follow the paper (LoRA r 16, alpha 16, dropout 0 on all projections; DPO β 0.1, lr 5e-5, cosine, 10% warmup, 3 epochs).</summary>
public sealed record LoraPolicyOptions
{
    /// <summary>The adapters attached to the base model for every arm.</summary>
    public LoraOptions Lora { get; init; } = new();

    /// <summary>The training loop's settings (the grid's learning rate and epochs override theirs per arm).</summary>
    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>DPO's settings (β, variant, label smoothing, TRL's <c>rpo_alpha</c> for DPO + NLL).</summary>
    public DpoOptions Dpo { get; init; } = new();

    /// <summary>IPO's settings.</summary>
    public IpoOptions Ipo { get; init; } = new();

    /// <summary>SimPO's settings.</summary>
    public SimPoOptions SimPo { get; init; } = new();

    /// <summary>ORPO's settings.</summary>
    public OrpoOptions Orpo { get; init; } = new();

    /// <summary>KTO's settings.</summary>
    public KtoOptions Kto { get; init; } = new();

    /// <summary>
    /// Whether to guard every arm against collapse (default true): the pipeline's probe prompts are
    /// answered every <see cref="GuardEverySteps"/> steps, and when fewer than
    /// <see cref="GuardThreshold"/> of the answers parse, training stops and the last good adapters
    /// are kept. The base model must pass the guard itself (the trainer refuses to start otherwise), so
    /// turn it off for a base that cannot answer yet. Ignored when <see cref="TrainerOptions.CollapseGuard"/> is set explicitly.
    /// </summary>
    public bool GuardAgainstCollapse { get; init; } = true;

    /// <summary>Optimizer steps between guard checks (25).</summary>
    public int GuardEverySteps { get; init; } = 25;

    /// <summary>The parsable share below which the guard stops training (0.5).</summary>
    public double GuardThreshold { get; init; } = 0.5;

    /// <summary>Sampling defaults of the base and aligned chat clients.</summary>
    public LocalChatClientOptions Sampling { get; init; } = new();

    /// <summary>A name of the base model for the run manifest (for example its folder).</summary>
    public string BaseModelName { get; init; } = "base";
}
