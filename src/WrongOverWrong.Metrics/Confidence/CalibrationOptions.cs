namespace WrongOverWrong.Metrics.Confidence;

/// <summary>Options for calibration metrics; defaults follow the paper (10 equal-width, right-closed bins).</summary>
public sealed record CalibrationOptions
{
    /// <summary>The paper's setting: 10 equal-width, right-closed bins.</summary>
    public static CalibrationOptions Default { get; } = new();

    /// <summary>Number of bins (at least 1). 10 by default, as in the paper.</summary>
    public int Bins { get; init; } = 10;

    /// <summary>How answers are assigned to bins; <see cref="CalibrationBinning.EqualWidth"/> by default.</summary>
    public CalibrationBinning Binning { get; init; } = CalibrationBinning.EqualWidth;
}
