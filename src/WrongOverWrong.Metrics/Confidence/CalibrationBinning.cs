namespace WrongOverWrong.Metrics.Confidence;

/// <summary>How calibration metrics group answers into confidence bins. ECE depends on this choice, so reports should name it.</summary>
public enum CalibrationBinning
{
    /// <summary>
    /// Equal-width bins, right-closed: (a, b], with a confidence of exactly 0 in the first bin. This is
    /// the rule of Guo et al. (2017) and of the paper; edges are i / Bins.
    /// </summary>
    EqualWidth,

    /// <summary>
    /// Equal-mass (adaptive) bins: answers sorted by confidence (ties by input order) and cut into
    /// Bins runs whose sizes differ by at most one. Fewer bins when there are fewer answers than bins.
    /// </summary>
    EqualMass,

    /// <summary>
    /// Parity with torchmetrics' binary calibration error: equal-width bins, left-closed [a, b)
    /// (torch.bucketize with right=True), plus an extra bin [1, 1] that holds confidences of exactly
    /// 1.0, as torchmetrics allocates one more slot than bins. Edges are i / Bins, so results can
    /// differ from torch only for confidences within rounding of an edge.
    /// </summary>
    TorchMetrics,
}
