namespace WrongOverWrong;

/// <summary>One optimizer step's report.</summary>
/// <param name="Step">The optimizer step just finished (1-based).</param>
/// <param name="TotalSteps">The number of optimizer steps the run will take.</param>
/// <param name="Epoch">The fractional epoch reached.</param>
/// <param name="Loss">The step's mean loss.</param>
/// <param name="LearningRate">The learning rate used for the step.</param>
/// <param name="TokensPerSecond">Training throughput over the step.</param>
/// <param name="Metrics">Further metrics under TRL's names (rewards/chosen, rewards/margins, logps/chosen, ...).</param>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    double Epoch,
    double Loss,
    double LearningRate,
    double TokensPerSecond,
    IReadOnlyDictionary<string, double> Metrics);
