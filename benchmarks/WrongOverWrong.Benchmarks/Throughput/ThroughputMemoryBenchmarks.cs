using BenchmarkDotNet.Attributes;
using WrongOverWrong.Benchmarks.Optimization;
using WrongOverWrong.Benchmarks.Sampling;
using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Pairing;
using WrongOverWrong.Training.Native;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// The memory diagnoser's view of the throughput suite's operations: managed bytes allocated per
/// DPO step (the scaling model at L = 256), per KV-cache sampling call (10 x 128), per judge
/// elicitation of 100 questions against a zero-latency endpoint, and per pairing + margins +
/// Acc_WoW of 1,000 questions. Peak RSS of each iteration is printed (<c>// peak RSS</c>), since
/// the diagnoser cannot see libtorch's native memory. One libtorch thread, as the in-process suite.
/// Run: <c>dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- --filter '*.Throughput.*'</c>
/// </summary>
// BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes what [GlobalSetup] made.
#pragma warning disable CA1001
[BenchmarkCategory("Throughput")]
[Config(typeof(InProcessMonitoringConfig))]
public class ThroughputMemoryBenchmarks
{
    private DpoStepRig? _rig;
    private SamplingThroughputBenchmarks? _sampling;
    private List<(AnswerSet Set, IReadOnlyList<UngradedPair> Pairs)> _judgeSets = [];
    private FixedLatencyJudgeClient? _judge;
    private List<GradedAnswerSet> _graded = [];

    [GlobalSetup(Target = nameof(DpoStep))]
    public void SetUpDpo()
    {
        TorchThreads.Apply(1);
        _rig = new DpoStepRig(DpoSequenceScaling.Config, DpoSequenceScaling.Pairs, 256);
        _rig.Step();
    }

    [GlobalSetup(Target = nameof(Sampling))]
    public void SetUpSampling()
    {
        _sampling = new SamplingThroughputBenchmarks { Threads = 1 };
        _sampling.Setup();
    }

    [GlobalSetup(Target = nameof(JudgeElicitation))]
    public void SetUpJudge()
    {
        _judge = new FixedLatencyJudgeClient(TimeSpan.Zero, 10);
        _judgeSets = JudgeConcurrencyRun.Sets(100);
    }

    [GlobalSetup(Target = nameof(PairingMarginsAccWow))]
    public void SetUpPairing() => _graded = SyntheticVerdicts.Sets(1_000, seed: 1);

    [IterationSetup]
    public void ResetPeak() => ProcessMemory.ResetPeak();

    [IterationCleanup]
    public void ReportPeak() =>
        Console.WriteLine($"// peak RSS {ProcessMemory.PeakResidentBytes() / (1024 * 1024)} MiB (resident now {ProcessMemory.ResidentBytes() / (1024 * 1024)} MiB)");

    [Benchmark(Description = "Throughput: DPO step, 2 pairs x 256 tokens, LoRA r16")]
    public double DpoStep() => _rig!.Step();

    [Benchmark(Description = "Throughput: sampling 10 x 128 tokens, KV cache")]
    public int Sampling() => _sampling!.Run(useCache: true);

    [Benchmark(Description = "Throughput: score judge, 100 calls, zero latency, concurrency 32")]
    public int JudgeElicitation() => JudgeConcurrencyRun.Elicit(_judge!, _judgeSets, 32).Calls;

    [Benchmark(Description = "Throughput: pairing + margins + Acc_WoW, 1,000 questions")]
    public double PairingMarginsAccWow()
    {
        var pairs = new PairBuilder(new PairingOptions { MaxPairs = null }).Build(_graded).Pairs;
        List<PairVerdict> verdicts = SyntheticVerdicts.Elicit(pairs, seed: 7);
        ScoredPair[] scored = verdicts.Select(v => v.ToScoredPair()).ToArray();
        double sum = 0;
        foreach (Margin margin in Margin.Paper)
        {
            sum += MarginFilter.Apply(verdicts, margin)!.Count;
            sum += AccWoW.Compute(scored, new AccWoWOptions { Margin = margin }).Accuracy;
        }

        return sum;
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _rig?.Dispose();
        _sampling?.Cleanup();
        _judge?.Dispose();
    }
}
#pragma warning restore CA1001
