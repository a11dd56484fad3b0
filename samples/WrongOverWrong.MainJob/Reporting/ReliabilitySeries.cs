namespace WrongOverWrong.MainJob.Reporting;

/// <summary>One arm's reliability diagram on one evaluation set.</summary>
/// <param name="EvaluationSet">The questions.</param>
/// <param name="Arm">The arm.</param>
/// <param name="Bins">Non-empty bins: lower and upper edge, mean confidence, accuracy, answers.</param>
public sealed record ReliabilitySeries(string EvaluationSet, string Arm, IReadOnlyList<ReliabilityPoint> Bins);

/// <summary>One bin of a reliability diagram.</summary>
/// <param name="Lower">Lower edge of the confidence bin.</param>
/// <param name="Upper">Upper edge.</param>
/// <param name="Confidence">Mean confidence of its answers.</param>
/// <param name="Accuracy">Share of its answers that are correct.</param>
/// <param name="Count">Answers in the bin.</param>
public sealed record ReliabilityPoint(double Lower, double Upper, double Confidence, double Accuracy, int Count);
