using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using WrongOverWrong.Metrics.Internal;

namespace WrongOverWrong.Metrics.Statistics;

/// <summary>
/// Pearson and Spearman correlations with two-sided p-values, for questions such as "does a larger
/// judge score gap go with a larger true proxy gap?".
/// </summary>
public static class Correlations
{
    /// <summary>Pearson's linear correlation.</summary>
    /// <param name="x">First variable.</param>
    /// <param name="y">Second variable, paired with <paramref name="x"/> by index.</param>
    /// <returns>r and its p-value from t = r·√((n - 2) / (1 - r²)).</returns>
    /// <exception cref="ArgumentException">Fewer than 3 pairs, mismatched lengths or a NaN or infinite value.</exception>
    public static CorrelationResult Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x, y);
        double r = Correlation.Pearson(x.ToArray(), y.ToArray());
        return new CorrelationResult(r, PValue(r, x.Length), x.Length);
    }

    /// <summary>
    /// Spearman's rank correlation (Pearson on average ranks, so ties are handled). The p-value uses
    /// the same t approximation as Pearson's, as scipy does; it is close for n above about 10.
    /// </summary>
    /// <param name="x">First variable.</param>
    /// <param name="y">Second variable, paired with <paramref name="x"/> by index.</param>
    /// <returns>ρ and its p-value.</returns>
    /// <exception cref="ArgumentException">Fewer than 3 pairs, mismatched lengths or a NaN or infinite value.</exception>
    public static CorrelationResult Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x, y);
        double rho = Correlation.Spearman(x.ToArray(), y.ToArray());
        return new CorrelationResult(rho, PValue(rho, x.Length), x.Length);
    }

    private static void Check(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Guard.SameLength(x.Length, y.Length, nameof(x), nameof(y));
        if (x.Length < 3)
        {
            // With n - 2 = 0 degrees of freedom there is no test; two points always lie on a line.
            throw new ArgumentException($"A correlation test needs at least 3 pairs, got {x.Length}.", nameof(x));
        }

        Guard.Finite(x, nameof(x));
        Guard.Finite(y, nameof(y));
    }

    private static double PValue(double r, int n)
    {
        if (double.IsNaN(r))
        {
            return double.NaN;
        }

        if (Math.Abs(r) >= 1.0)
        {
            return 0.0;
        }

        int df = n - 2;
        double t = r * Math.Sqrt(df / (1.0 - (r * r)));

        // 2·CDF(-|t|) rather than 2·(1 - CDF(|t|)): the lower tail keeps tiny p-values from
        // cancelling to 0.
        return Math.Min(1.0, 2.0 * StudentT.CDF(0.0, 1.0, df, -Math.Abs(t)));
    }
}
