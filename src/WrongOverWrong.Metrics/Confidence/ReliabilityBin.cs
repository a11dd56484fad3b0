namespace WrongOverWrong.Metrics.Confidence;

/// <summary>One bar of a reliability diagram.</summary>
/// <param name="Lower">
/// Lower edge. For equal-width bins the fixed edge (exclusive, except 0 for the first bin; inclusive
/// in torchmetrics mode); for equal-mass bins the smallest confidence in the bin.
/// </param>
/// <param name="Upper">
/// Upper edge. For equal-width bins the fixed edge (inclusive; exclusive in torchmetrics mode); for
/// equal-mass bins the largest confidence in the bin.
/// </param>
/// <param name="Count">Answers in the bin.</param>
/// <param name="MeanConfidence">Mean confidence of those answers; NaN for an empty bin.</param>
/// <param name="Accuracy">Share of those answers that are correct; NaN for an empty bin.</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy)
{
    /// <summary>|accuracy - mean confidence|, the bin's calibration gap; NaN for an empty bin.</summary>
    public double Gap => Math.Abs(Accuracy - MeanConfidence);
}
