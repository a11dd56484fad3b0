using WrongOverWrong.Benchmarks.Sampling;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// KV-cache sampling of <see cref="SamplingThroughputBenchmarks"/> (10 samples x 128 new tokens
/// after a 256-token prompt, d 256, 4 layers, vocabulary 32,000): tokens/s, its analytic forward
/// FLOP rate as a share of the matmul ceiling around it, managed allocations and peak RSS per call.
/// </summary>
internal static class SamplingFigure
{
    /// <summary>The sampling figures of one run.</summary>
    public sealed record Result(int Tokens, double Seconds, double GflopPerCall, double AllocatedMiB, double PeakRssMiB, double CallRssMiB, double CeilingGflops)
    {
        public double TokensPerSecond => Tokens / Seconds;

        public double Gflops => GflopPerCall / Seconds;

        public double ShareOfCeiling => Gflops / CeilingGflops;
    }

    public static Result Run(int threads, int repeats)
    {
        var bench = new SamplingThroughputBenchmarks { Threads = threads };
        bench.Setup();
        try
        {
            // Untimed: JIT, tier-up and libtorch's first allocations.
            bench.Run(useCache: true);
            bench.Run(useCache: true);
            int tokens = 0;
            double ceilingBefore = MatmulCeiling.Measure();
            Measure call = Measure.Best(repeats, () => tokens = bench.Run(useCache: true));
            double ceilingAfter = MatmulCeiling.Measure();
            return new Result(
                tokens,
                call.Seconds,
                SamplingThroughputBenchmarks.CallFlops().Cached / 1e9,
                call.AllocatedBytes / 1048576.0,
                call.PeakResidentBytes / 1048576.0,
                (call.PeakResidentBytes - call.ResidentBeforeBytes) / 1048576.0,
                (ceilingBefore + ceilingAfter) / 2);
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
