using Microsoft.Extensions.AI;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// The model being aligned, as the pipeline needs it: a chat client for the base model and a way to
/// train an arm and get a chat client for the aligned model back. Core cannot create a TorchSharp
/// model, so Training implements this (<c>LoraPolicy</c>: LoRA adapters on a local base model);
/// a remote implementation works the same way: submit the preference file (TRL's format, see
/// <see cref="PolicyTrainingRequest.PreferencesFile"/>) to a trainer elsewhere (for example TRL on a
/// cluster), wait, and return an <see cref="IChatClient"/> for the endpoint that serves the
/// aligned model.
/// </summary>
public interface IPolicy
{
    /// <summary>The settings that make this policy what it is (base model, adapter shape, optimizer defaults), recorded in the run manifest.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>A chat client for the base (unaligned) model; the pipeline does not dispose it.</summary>
    IChatClient BaseClient { get; }

    /// <summary>
    /// Trains one arm from the base model (each arm starts from the base again) and returns a client
    /// for the aligned model. When <see cref="PolicyTrainingRequest.OutputDirectory"/> already holds
    /// this arm's finished result, it is loaded instead of trained again; an interrupted training
    /// resumes from its last checkpoint.
    /// </summary>
    /// <param name="request">The arm, its data and hyperparameter overrides.</param>
    /// <param name="progress">Receives one report per optimizer step; optional.</param>
    /// <param name="cancellationToken">Stops training after the current step, leaving the last checkpoint.</param>
    /// <returns>The aligned model; the pipeline disposes it when the arm's evaluation is sampled.</returns>
    Task<AlignedPolicy> TrainAsync(PolicyTrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}
