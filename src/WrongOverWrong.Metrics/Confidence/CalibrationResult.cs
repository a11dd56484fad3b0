namespace WrongOverWrong.Metrics.Confidence;

/// <summary>Calibration errors over one set of answers, with the bins they came from.</summary>
/// <param name="Ece">Expected calibration error: Σ_b (|B_b| / n) · |acc_b - conf_b| (the L1 norm; lower is better).</param>
/// <param name="Mce">Maximum calibration error: the largest |acc_b - conf_b| over non-empty bins.</param>
/// <param name="Rmsce">Root-mean-square calibration error: √(Σ_b (|B_b| / n) · (acc_b - conf_b)²) (torchmetrics' L2 norm).</param>
/// <param name="Bins">The reliability-diagram data, in ascending confidence order, empty bins included.</param>
/// <param name="Count">Number of answers.</param>
public sealed record CalibrationResult(double Ece, double Mce, double Rmsce, IReadOnlyList<ReliabilityBin> Bins, int Count);
