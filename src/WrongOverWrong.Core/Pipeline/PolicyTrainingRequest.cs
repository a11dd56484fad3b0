namespace WrongOverWrong.Pipeline;

/// <summary>What <see cref="IPolicy.TrainAsync"/> trains.</summary>
public sealed record PolicyTrainingRequest
{
    /// <summary>The arm's name (unique in the run; also its folder name).</summary>
    public required string Arm { get; init; }

    /// <summary>The objective by name: a preference optimizer (<c>dpo</c>, <c>ipo</c>, <c>simpo</c>, <c>orpo</c>, <c>kto</c>) or <c>sft</c>.</summary>
    public required string Optimizer { get; init; }

    /// <summary>
    /// The training pairs. Each pair's prompt is the exact prompt its candidates were answered under.
    /// For <c>sft</c>, the chosen responses are the targets and the rejected ones are ignored.
    /// </summary>
    public required IReadOnlyList<Preference> Preferences { get; init; }

    /// <summary>The same pairs as a TRL-format JSON Lines file (full path; for remote trainers).</summary>
    public required string PreferencesFile { get; init; }

    /// <summary>The arm's own folder: adapters, checkpoints and logs go here.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>A learning-rate override from the model-selection grid; <see langword="null"/> keeps the policy's.</summary>
    public double? LearningRate { get; init; }

    /// <summary>An epochs override from the model-selection grid; <see langword="null"/> keeps the policy's.</summary>
    public int? Epochs { get; init; }

    /// <summary>
    /// Prompts of a few training questions for a collapse guard: a policy that can generate while it
    /// trains answers them now and then and stops (keeping the last good weights) when too few of the
    /// answers are usable by <see cref="UsableShare"/>. Empty when the pipeline has none.
    /// </summary>
    public IReadOnlyList<string> GuardPrompts { get; init; } = [];

    /// <summary>The share in [0, 1] of answers (in <see cref="GuardPrompts"/> order) whose final answer the task can parse.</summary>
    public Func<IReadOnlyList<string>, double>? UsableShare { get; init; }

    /// <summary>The run's seed (42 by default).</summary>
    public int Seed { get; init; } = 42;
}
