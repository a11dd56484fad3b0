using System.Globalization;

namespace WrongOverWrong.MainJob.Reporting;

/// <summary>Number formats shared by the console tables and the Markdown report.</summary>
public static class ReportFormat
{
    /// <summary>A delta with its interval and sign, or "-" for none.</summary>
    public static string Delta(Estimate? delta) =>
        delta is null || double.IsNaN(delta.Value) ? "-"
        : double.IsNaN(delta.Lower) ? string.Create(CultureInfo.InvariantCulture, $"{delta.Value:+0.000;-0.000;0.000}")
        : string.Create(CultureInfo.InvariantCulture, $"{delta.Value:+0.000;-0.000;0.000} [{delta.Lower:+0.00;-0.00;0.00}, {delta.Upper:+0.00;-0.00;0.00}]");

    /// <summary>A count, a share, a score or seconds, by the value's unit.</summary>
    public static string Value(NamedValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Unit switch
        {
            "share" => value.Value.ToString("0.0%", CultureInfo.InvariantCulture),
            "s" => value.Value.ToString("0.0", CultureInfo.InvariantCulture) + " s",
            "score" => value.Value.ToString("0.000", CultureInfo.InvariantCulture),
            _ => value.Value.ToString("0.###", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>"0.87" or "-".</summary>
    public static string Share(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("0.0%", CultureInfo.InvariantCulture);
}
