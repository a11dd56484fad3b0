namespace WrongOverWrong.Pipeline;

/// <summary>Evaluation on another task of the same domain (the paper's Table 4: shortest path to maximum flow).</summary>
/// <param name="Task">The transfer task.</param>
/// <param name="Questions">Its questions (all used as test questions).</param>
public sealed record TransferEvaluation(ITaskOracle Task, IReadOnlyList<Question> Questions);
