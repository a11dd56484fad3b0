using static TorchSharp.torch;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// The fp32 matmul rate of this process right now: five 1024³ products (10.7 GFLOP, the shape the
/// sampling suites use), best of three, so that a neighbour's burst lowers the ceiling as little as
/// possible. The suite reads it before and after each part, and each share divides by their mean.
/// </summary>
internal static class MatmulCeiling
{
    private const int Size = 1024;
    private const int Products = 5;
    private static readonly List<double> _readings = [];

    /// <summary>Every reading of this process so far, in order (the report lists them to show the noise).</summary>
    public static IReadOnlyList<double> Readings => _readings;

    /// <summary>GFLOP/s of the best of three timed rounds (after one untimed product).</summary>
    public static double Measure()
    {
        using var scope = NewDisposeScope();
        var left = randn(Size, Size);
        var right = randn(Size, Size);
        left.matmul(right);
        double best = double.PositiveInfinity;
        for (int round = 0; round < 3; round++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < Products; i++)
            {
                using var product = left.matmul(right);
            }

            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        double gflops = 2.0 * Size * Size * Size * Products / best / 1e9;
        _readings.Add(gflops);
        return gflops;
    }
}
