using Microsoft.Extensions.AI;

namespace WrongOverWrong.Pipeline;

/// <summary>What an experiment runs on: the task and its questions, the elicitors, the generator and the policy to align.</summary>
public sealed record ExperimentInputs
{
    /// <summary>The task (oracle, prompts, answer extraction).</summary>
    public required ITaskOracle Task { get; init; }

    /// <summary>Questions whose sampled answers form the pairs (phase 1) and the training sets.</summary>
    public required IReadOnlyList<Question> TrainingQuestions { get; init; }

    /// <summary>Held-out questions, split into validation and test (phase 2); may be empty for a phase-1-only run.</summary>
    public IReadOnlyList<Question> HeldOutQuestions { get; init; } = [];

    /// <summary>The elicitors compared in phase 1 (names must be unique).</summary>
    public IReadOnlyList<IPreferenceElicitor> Elicitors { get; init; } = [];

    /// <summary>The generator of training answers; <see langword="null"/> uses the policy's base model ("self").</summary>
    public IChatClient? Generator { get; init; }

    /// <summary>The model to align; <see langword="null"/> runs phase 1 and the training sets only.</summary>
    public IPolicy? Policy { get; init; }

    /// <summary>An optional transfer evaluation (for example train on shortest path, evaluate on maximum flow).</summary>
    public TransferEvaluation? Transfer { get; init; }
}
