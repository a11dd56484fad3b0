namespace WrongOverWrong;

/// <summary>
/// Aligns a model on preferences (phase 2 of the paper): DPO, IPO, ORPO, KTO, SimPO, or SFT on
/// the chosen responses as a no-preference control.
/// </summary>
public interface IPreferenceOptimizer
{
    /// <summary>The optimizer name used in reports and logs (for example <c>dpo</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Trains on the preferences, reporting progress, and returns a summary. Training that was
    /// cancelled can be resumed from its last checkpoint by calling again with the same options.
    /// </summary>
    /// <param name="preferences">The training pairs.</param>
    /// <param name="progress">Receives one report per optimizer step; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops training after the current step, leaving the last checkpoint intact.</param>
    Task<TrainingResult> TrainAsync(IReadOnlyList<Preference> preferences, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        => TrainAsync(preferences, evaluationPreferences: null, progress, cancellationToken);

    /// <summary>
    /// Trains on the preferences and, when <paramref name="evaluationPreferences"/> is given,
    /// evaluates on them during training (the paper selects runs on validation): the reports then
    /// carry <c>eval_loss</c>, <c>eval_rewards/accuracies</c> and the other metrics with TRL's
    /// <c>eval_</c> prefix, and the trainer can keep the best checkpoint and stop early.
    /// </summary>
    /// <param name="preferences">The training pairs.</param>
    /// <param name="evaluationPreferences">Held-out pairs to evaluate on; <see langword="null"/> for none.</param>
    /// <param name="progress">Receives one report per optimizer step; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops training after the current step, leaving the last checkpoint intact.</param>
    Task<TrainingResult> TrainAsync(IReadOnlyList<Preference> preferences, IReadOnlyList<Preference>? evaluationPreferences, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}
