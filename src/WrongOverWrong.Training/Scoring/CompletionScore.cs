namespace WrongOverWrong.Training.Scoring;

/// <summary>The teacher-forced log-probability of one completion given its prompt.</summary>
/// <param name="SumLogProbability">Sum of the completion tokens' natural-log probabilities.</param>
/// <param name="MeanLogProbability">The sum divided by <paramref name="TokenCount"/>.</param>
/// <param name="TokenCount">Number of completion tokens.</param>
public sealed record CompletionScore(double SumLogProbability, double MeanLogProbability, int TokenCount);
