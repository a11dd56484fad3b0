namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Learning-rate multipliers as pure functions of the step, with the formulas of Hugging Face's
/// <c>get_*_schedule_with_warmup</c> so that runs compare with TRL's.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>
    /// The multiplier of the peak learning rate for the optimizer step that follows
    /// <paramref name="completedSteps"/> completed steps (Hugging Face's <c>current_step</c>, so the
    /// first step of a run with warmup uses zero).
    /// </summary>
    /// <param name="kind">The schedule.</param>
    /// <param name="completedSteps">Optimizer steps already taken (0-based step index).</param>
    /// <param name="warmupSteps">Steps of linear warmup from zero.</param>
    /// <param name="totalSteps">Steps in the whole run.</param>
    /// <param name="cycles">Number of hard restarts for <see cref="LearningRateScheduleKind.CosineWithRestarts"/> (1 = plain cosine).</param>
    public static double Multiplier(LearningRateScheduleKind kind, int completedSteps, int warmupSteps, int totalSteps, int cycles = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(completedSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(totalSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 1);

        if (completedSteps < warmupSteps)
        {
            return (double)completedSteps / Math.Max(1, warmupSteps);
        }

        double progress = (double)(completedSteps - warmupSteps) / Math.Max(1, totalSteps - warmupSteps);
        return kind switch
        {
            LearningRateScheduleKind.Constant => 1.0,
            LearningRateScheduleKind.Linear => Math.Max(0.0, (double)(totalSteps - completedSteps) / Math.Max(1, totalSteps - warmupSteps)),
            // num_cycles = 0.5 in Hugging Face's cosine: half a period, from 1 down to 0.
            LearningRateScheduleKind.Cosine => Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * 2.0 * 0.5 * progress))),
            LearningRateScheduleKind.CosineWithRestarts => progress >= 1.0
                ? 0.0
                : Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * ((cycles * progress) % 1.0)))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown learning-rate schedule."),
        };
    }
}
