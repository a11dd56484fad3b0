using System.Globalization;

namespace WrongOverWrong.MainJob.Reporting;

/// <summary>A point estimate with its 95% bootstrap interval (NaN bounds when none could be drawn).</summary>
/// <param name="Value">The estimate.</param>
/// <param name="Lower">Lower bound of the interval.</param>
/// <param name="Upper">Upper bound of the interval.</param>
public sealed record Estimate(double Value, double Lower, double Upper)
{
    /// <summary>An estimate without an interval.</summary>
    public static Estimate Point(double value) => new(value, double.NaN, double.NaN);

    /// <summary>Whether the interval lies wholly above <paramref name="threshold"/>.</summary>
    public bool ExcludesFromAbove(double threshold) => !double.IsNaN(Lower) && Lower > threshold;

    /// <summary>"0.612 [0.55, 0.67]": the estimate to three places, its bounds to two.</summary>
    public string Format(string format = "0.000") =>
        double.IsNaN(Value) ? "-"
        : double.IsNaN(Lower) ? Value.ToString(format, CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Value.ToString(format, CultureInfo.InvariantCulture)} [{Lower:0.00}, {Upper:0.00}]");
}
