namespace WrongOverWrong.Pipeline.Reports;

/// <summary>
/// An arm's metrics minus the base model's, each with a paired bootstrap interval: every resample
/// draws the same questions for both models, so question difficulty cancels out.
/// </summary>
public sealed record DeltaToBase
{
    /// <summary>p_wrong(arm) - p_wrong(base); positive is less wrong.</summary>
    public required Estimate PWrong { get; init; }

    /// <summary>Acc(arm) - Acc(base); positive is more correct.</summary>
    public required Estimate Accuracy { get; init; }

    /// <summary>ECE(arm) - ECE(base); negative is better calibrated.</summary>
    public required Estimate Ece { get; init; }

    /// <summary>Brier(arm) - Brier(base); negative is better.</summary>
    public required Estimate Brier { get; init; }

    /// <summary>Mean cor(arm) - mean cor(base).</summary>
    public required Estimate MeanCor { get; init; }

    /// <summary>Parsable share(arm) - parsable share(base); strongly negative means the arm collapsed.</summary>
    public required Estimate ParsableShare { get; init; }
}
