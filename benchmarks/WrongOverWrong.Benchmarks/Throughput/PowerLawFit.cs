namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// Least-squares fits for the scaling figures. An exponent from the log-log slope is what a reader
/// compares with 1 (linear) or 2 (quadratic), and unlike a ratio of two points it uses every size.
/// </summary>
internal static class PowerLawFit
{
    /// <summary>The slope b of ln y = a + b ln x.</summary>
    public static double Exponent(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Slope(x.Select(v => Math.Log(v)).ToArray(), y.Select(v => Math.Log(v)).ToArray());

    /// <summary>The least-squares slope of y on x.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 2)
        {
            throw new ArgumentException("Need at least two points of equal count.", nameof(y));
        }

        double meanX = x.Average();
        double meanY = y.Average();
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < x.Count; i++)
        {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            variance += (x[i] - meanX) * (x[i] - meanX);
        }

        return covariance / variance;
    }
}
