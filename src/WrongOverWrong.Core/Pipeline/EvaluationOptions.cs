using WrongOverWrong.Metrics.Confidence;
using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Pipeline;

/// <summary>Settings of <see cref="AnswerSetEvaluator"/>; defaults follow the paper (10 equal-width bins, 1,000 resamples, seed 42).</summary>
public sealed record EvaluationOptions
{
    /// <summary>Binning of ECE, MCE and the reliability bins (default: 10 equal-width bins, right-closed).</summary>
    public CalibrationOptions Calibration { get; init; } = CalibrationOptions.Default;

    /// <summary>Bootstrap resamples over questions (default 1,000; 0 leaves intervals NaN).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Confidence level of the intervals (default 0.95).</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Seed of the bootstrap (default 42).</summary>
    public int Seed { get; init; } = 42;

    internal BootstrapOptions Bootstrap => new() { Resamples = Math.Max(1, BootstrapResamples), Level = Confidence, Seed = Seed };
}
