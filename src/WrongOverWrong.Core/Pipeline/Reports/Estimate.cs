using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Pipeline.Reports;

/// <summary>A point estimate with its percentile-bootstrap interval (NaN bounds when undefined).</summary>
/// <param name="Value">The estimate on all data.</param>
/// <param name="Lower">Lower bound of the interval.</param>
/// <param name="Upper">Upper bound of the interval.</param>
public sealed record Estimate(double Value, double Lower, double Upper)
{
    /// <summary>An estimate without an interval.</summary>
    /// <param name="value">The value.</param>
    public static Estimate Point(double value) => new(value, double.NaN, double.NaN);

    /// <summary>Undefined: no data.</summary>
    public static Estimate Undefined { get; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>Converts a Metrics interval.</summary>
    /// <param name="interval">The bootstrap interval.</param>
    public static Estimate From(ConfidenceInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return new(interval.Estimate, interval.Lower, interval.Upper);
    }

    /// <summary>Whether the interval lies entirely above zero (a difference that is significant at its level).</summary>
    public bool ExcludesZeroAbove => Lower > 0;

    /// <summary>Whether the interval lies entirely below zero.</summary>
    public bool ExcludesZeroBelow => Upper < 0;
}
