using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace WrongOverWrong.Benchmarks.Sampling;

/// <summary>
/// The no-KV-cache path of <see cref="SamplingThroughputBenchmarks"/>: every step recomputes the
/// whole prompt + completion for all 10 samples (about 2.85 TFLOP per call), with 2 threads.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class SamplingRecomputeBenchmarks
{
    private readonly SamplingThroughputBenchmarks workload = new() { Threads = 2 };

    [GlobalSetup]
    public void Setup() => workload.Setup();

    [GlobalCleanup]
    public void Cleanup() => workload.Cleanup();

    [Benchmark(Description = "sample 10x128, recompute")]
    public int SampleWithRecompute() => workload.Run(useCache: false);
}
