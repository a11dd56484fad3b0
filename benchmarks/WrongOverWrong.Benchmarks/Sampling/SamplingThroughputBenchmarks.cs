using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TorchSharp;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Sampling;
using static TorchSharp.torch;

namespace WrongOverWrong.Benchmarks.Sampling;

/// <summary>
/// Sampling throughput of the TorchSharp Llama decoder on CPU: 10 samples x 128 new tokens after a
/// 256-token prompt, with and without the KV cache, for d=256, 4 layers (4 query / 2 KV heads of 64,
/// MLP 768, vocabulary 32000), plus a large fp32 matmul measured in the same run as the hardware's
/// reference FLOP rate. Tokens/s = 1280 / mean time; FLOP counts are printed by <see cref="Report"/>.
/// Run: dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- --filter '*Sampling*'
/// The recompute path is a separate class (<see cref="SamplingRecomputeBenchmarks"/>) because one call
/// takes minutes; this class compares 1 and 2 intra-op threads, since on a busy 2-core host OpenMP
/// barriers between many small decode ops cost far more than the second thread gains.
/// </summary>
// Monitoring: one invocation per iteration (a call takes about half a second); two warm-up
// iterations, because the first calls after the jitting one still run partly tier-0 code and start
// the thread pools; ten timed calls and the median, because this shared VM has bursts of noise.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MedianColumn]
public class SamplingThroughputBenchmarks
{
    public const int PromptLength = 256;
    public const int Samples = 10;
    public const int NewTokens = 128;
    public const int MatmulSize = 1024;

    public static readonly LlamaConfig Config = new()
    {
        VocabSize = 32000,
        HiddenSize = 256,
        IntermediateSize = 768,
        NumHiddenLayers = 4,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        HeadDim = 64,
        MaxPositionEmbeddings = 4096,
    };

    /// <summary>TorchSharp intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 2;

    private LlamaForCausalLM? model;
    private SequenceSampler? sampler;
    private int[] prompt = [];
    private Tensor? left;
    private Tensor? right;

    [GlobalSetup]
    public void Setup()
    {
        TorchSharpNative.EnsureLoaded();
        torch.set_num_threads(Threads);
        model = LlamaForCausalLM.Create(Config, seed: 1);
        sampler = new SequenceSampler(model);
        var random = new Random(3);
        prompt = Enumerable.Range(0, PromptLength).Select(_ => random.Next(Config.VocabSize)).ToArray();
        left = torch.randn(MatmulSize, MatmulSize).DetachFromDisposeScope();
        right = torch.randn(MatmulSize, MatmulSize).DetachFromDisposeScope();
        Console.WriteLine(Report());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        model?.Dispose();
        left?.Dispose();
        right?.Dispose();
    }

    [Benchmark(Description = "sample 10x128, KV cache")]
    public int SampleWithCache() => Run(useCache: true);

    /// <summary>Ten 1024^3 fp32 matmuls: 21.47 GFLOP, the reference rate for this machine and thread count.</summary>
    [Benchmark(Description = "fp32 matmul 1024^3 x10")]
    public float Matmul()
    {
        float sink = 0;
        for (int i = 0; i < 10; i++)
        {
            using Tensor product = torch.matmul(left!, right!);
            sink += product[0, 0].item<float>();
        }

        return sink;
    }

    internal int Run(bool useCache)
    {
        var options = new SamplingOptions { NumSamples = Samples, MaxNewTokens = NewTokens, Temperature = 1.0, Seed = 7, UseKeyValueCache = useCache };
        return sampler!.Sample(prompt, options).Sum(s => s.Tokens.Count);
    }

    /// <summary>Analytic forward FLOPs (2 per multiply-add) of one benchmark call of each sampling path.</summary>
    public static string Report()
    {
        (double cached, double recompute) = CallFlops();
        return $"FLOPs per call: cache path {cached / 1e9:F2} GFLOP, recompute path {recompute / 1e9:F2} GFLOP, matmul benchmark {10 * 2.0 * Math.Pow(MatmulSize, 3) / 1e9:F2} GFLOP";
    }

    /// <summary>Analytic forward FLOPs (2 per multiply-add) of one call with and without the KV cache.</summary>
    public static (double Cached, double Recompute) CallFlops()
    {
        LlamaConfig c = Config;
        double linear = 2.0 * c.NumHiddenLayers * ((c.HiddenSize * (long)c.NumAttentionHeads * c.HeadDim * 2) + (c.HiddenSize * (long)c.NumKeyValueHeads * c.HeadDim * 2) + (3L * c.HiddenSize * c.IntermediateSize));
        double head = 2.0 * c.HiddenSize * c.VocabSize;
        double attentionPerKey = 4.0 * c.NumHiddenLayers * c.NumAttentionHeads * c.HeadDim; // QK^T and AV per (query, key) pair

        // Prefill (batch 1): every prompt token through the layers, causal attention, one head row.
        double prefill = (PromptLength * linear) + (attentionPerKey * PromptLength * (PromptLength + 1) / 2) + head;
        double cached = prefill;
        double recompute = prefill;
        for (int step = 1; step < NewTokens; step++)
        {
            int width = PromptLength + step;
            cached += Samples * (linear + (attentionPerKey * width) + head);
            recompute += Samples * ((width * linear) + (attentionPerKey * width * (width + 1) / 2) + head);
        }

        return (cached, recompute);
    }
}
