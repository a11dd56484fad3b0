namespace WrongOverWrong.Metrics.Statistics;

/// <summary>A bootstrap percentile confidence interval around a point estimate.</summary>
/// <param name="Estimate">The statistic on the original (not resampled) data.</param>
/// <param name="Lower">The (1 - level) / 2 percentile of the resampled statistics; NaN when no resample was defined.</param>
/// <param name="Upper">The (1 + level) / 2 percentile of the resampled statistics; NaN when no resample was defined.</param>
/// <param name="Level">The coverage asked for, e.g. 0.95.</param>
/// <param name="Resamples">The number of resamples drawn.</param>
/// <param name="UndefinedResamples">
/// Resamples on which the statistic was NaN (for example p_wrong on a resample with no wrong
/// answer). They are left out of the percentiles and counted here so that nothing is dropped unseen.
/// </param>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper, double Level, int Resamples, int UndefinedResamples)
{
    /// <summary>Upper - Lower.</summary>
    public double Width => Upper - Lower;

    /// <summary>Whether <paramref name="value"/> lies in [Lower, Upper].</summary>
    /// <param name="value">The value to test.</param>
    /// <returns><see langword="true"/> when the value is inside the interval, ends included.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
