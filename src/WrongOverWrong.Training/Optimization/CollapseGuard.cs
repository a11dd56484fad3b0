using WrongOverWrong.Training.Sampling;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// A check that a model still answers in a usable form while it is aligned: every
/// <see cref="EverySteps"/> optimizer steps (and before the first and after the last) the trainer
/// generates one answer to each of <see cref="Prompts"/> with <see cref="SequenceSampler"/>
/// (greedy by default, no gradient) and hands the texts to <see cref="Validator"/>, which returns
/// the share of acceptable answers (for our tasks: answers the oracle can parse). Below
/// <see cref="Threshold"/> training stops, the trainable weights of the last check that passed are
/// restored, and the result says <see cref="StopReason.CollapseDetected"/>.
/// </summary>
public sealed record CollapseGuard
{
    /// <summary>Held-out questions (user turns, rendered through the trainer's chat template); a few suffice.</summary>
    public required IReadOnlyList<string> Prompts { get; init; }

    /// <summary>Returns the share in [0, 1] of acceptable answers, given the answers in prompt order. Called on the training thread.</summary>
    public required Func<IReadOnlyList<string>, double> Validator { get; init; }

    /// <summary>Training stops when the share falls below this (0.5).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Optimizer steps between checks (25).</summary>
    public int EverySteps { get; init; } = 25;

    /// <summary>Longest answer in tokens (128).</summary>
    public int MaxNewTokens { get; init; } = 128;

    /// <summary>Sampling temperature: 0 (the default) is greedy; use 1 for the paper's sampling, made repeatable by <see cref="Seed"/>.</summary>
    public double Temperature { get; init; }

    /// <summary>The sampling seed (prompt i uses Seed + i), so every check draws alike.</summary>
    public long Seed { get; init; }

    /// <summary>Checks every value and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (Prompts is null || Prompts.Count == 0 || Prompts.Any(p => p is null))
        {
            throw new ArgumentException($"{nameof(CollapseGuard)}.{nameof(Prompts)} must hold at least one non-null prompt.", nameof(Prompts));
        }

        if (Validator is null)
        {
            throw new ArgumentException($"{nameof(CollapseGuard)}.{nameof(Validator)} is required.", nameof(Validator));
        }

        if (!(Threshold >= 0.0 && Threshold <= 1.0))
        {
            throw new ArgumentException($"{nameof(CollapseGuard)}.{nameof(Threshold)} must lie in [0, 1], got {Threshold}.", nameof(Threshold));
        }

        if (EverySteps < 1)
        {
            throw new ArgumentException($"{nameof(CollapseGuard)}.{nameof(EverySteps)} must be at least 1, got {EverySteps}.", nameof(EverySteps));
        }

        if (MaxNewTokens < 1)
        {
            throw new ArgumentException($"{nameof(CollapseGuard)}.{nameof(MaxNewTokens)} must be at least 1, got {MaxNewTokens}.", nameof(MaxNewTokens));
        }

        if (!(Temperature >= 0.0) || double.IsInfinity(Temperature))
        {
            throw new ArgumentException($"{nameof(CollapseGuard)}.{nameof(Temperature)} must be a non-negative finite number, got {Temperature}.", nameof(Temperature));
        }
    }
}
