namespace WrongOverWrong;

/// <summary>The summary of a training run.</summary>
/// <param name="Optimizer">The optimizer's name.</param>
/// <param name="Steps">Optimizer steps taken in total (including steps before a resume).</param>
/// <param name="FinalLoss">The loss of the last step.</param>
/// <param name="OutputDirectory">Where the final adapter or weights were written, if anywhere.</param>
/// <param name="SkippedExamples">Examples skipped as degenerate (for example chosen equal to rejected), counted.</param>
/// <param name="FinalMetrics">The last step's metrics under TRL's names.</param>
public sealed record TrainingResult(
    string Optimizer,
    int Steps,
    double FinalLoss,
    string? OutputDirectory,
    int SkippedExamples,
    IReadOnlyDictionary<string, double> FinalMetrics);
