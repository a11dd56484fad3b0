using BenchmarkDotNet.Attributes;
using TorchSharp;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Optimization;
using static TorchSharp.torch;

namespace WrongOverWrong.Benchmarks.Optimization;

/// <summary>
/// One DPO optimizer step on CPU of the library's <see cref="LlamaForCausalLM"/> with LoRA (r = 16,
/// alpha 16, dropout 0 on q,k,v,o,gate,up,down, as the paper) and precomputed reference log-probs:
/// d = 512, 8 layers, 8 heads, SwiGLU 1376, vocabulary 32,000 (untied head); 4 pairs whose
/// prompts and completions are 128 tokens each (256-token sequences, 2,048 tokens per step).
/// <see cref="Fp32Matmul"/> measures the same process's fp32 matmul rate on the MLP's shape, the
/// denominator of the achieved-FLOP share. Run:
/// <c>dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- --filter '*Dpo*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class DpoStepBenchmark
{
    public const int Vocabulary = 32_000;
    public const int Hidden = 512;
    public const int Layers = 8;
    public const int Heads = 8;
    public const int Intermediate = 1376;
    public const int Rank = 16;
    public const int Pairs = 4;
    public const int PromptTokens = 128;
    public const int CompletionTokens = 128;

    private LlamaForCausalLM? _model;
    private DpoOptimizer? _trainer;
    private PreparedRun? _run;
    private int _step;
    private Tensor? _left;
    private Tensor? _right;

    /// <summary>Weights of the seven projections of all layers (no GQA here: k and v are d x d).</summary>
    public const long ProjectionParameters = Layers * ((4L * Hidden * Hidden) + (3L * Hidden * Intermediate));

    /// <summary>Weights of the LM head.</summary>
    public const long HeadParameters = (long)Vocabulary * Hidden;

    /// <summary>N in 4·N·T: every base-model weight that takes part in a matmul.</summary>
    public const long MatmulParameters = ProjectionParameters + HeadParameters;

    [GlobalSetup(Target = nameof(DpoStep))]
    public void SetUpStep()
    {
        TorchSharpNative.EnsureLoaded();
        var config = new LlamaConfig
        {
            VocabSize = Vocabulary,
            HiddenSize = Hidden,
            IntermediateSize = Intermediate,
            NumHiddenLayers = Layers,
            NumAttentionHeads = Heads,
            NumKeyValueHeads = Heads,
            HeadDim = Hidden / Heads,
        };
        _model = LlamaForCausalLM.Create(config, seed: 0);
        _model.AttachLora(new LoraOptions { Rank = Rank, Alpha = Rank, Dropout = 0.0 });
        var tokenizer = new WordTokenizer(Vocabulary);
        var random = new Random(42);
        var pairs = Enumerable.Range(0, Pairs).Select(i => new Preference
        {
            QuestionId = $"q{i}",
            Prompt = WordTokenizer.RandomText(random, PromptTokens, Vocabulary),
            Chosen = WordTokenizer.RandomText(random, CompletionTokens, Vocabulary),
            Rejected = WordTokenizer.RandomText(random, CompletionTokens, Vocabulary),
        }).ToList();
        var options = new TrainerOptions
        {
            BatchSize = Pairs,
            Epochs = 1000,
            MaxLength = PromptTokens + CompletionTokens,
            MaxPromptLength = PromptTokens,
        };
        _trainer = new DpoOptimizer(_model, tokenizer, tokenizer, options);
        _run = _trainer.PrepareRun(pairs);

        // One step outside the measurement allocates AdamW's state; then measure one step's peak.
        _trainer.RunStep(_run, ++_step);
        double matmulBefore = MatmulFlopsPerSecond();
        long before = ProcessMemory.ResidentBytes();
        bool reset = ProcessMemory.ResetPeak();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var report = _trainer.RunStep(_run, ++_step);
        double seconds = stopwatch.Elapsed.TotalSeconds;
        long peak = ProcessMemory.PeakResidentBytes();
        double matmulAfter = MatmulFlopsPerSecond();
        long flops = 4L * MatmulParameters * Pairs * 2 * (PromptTokens + CompletionTokens);
        double achieved = flops / seconds;
        double matmulRate = (matmulBefore + matmulAfter) / 2;
        Console.WriteLine($"// DPO step: N = {MatmulParameters:N0} matmul parameters (projections {ProjectionParameters:N0} + head {HeadParameters:N0}), T = {Pairs * 2 * (PromptTokens + CompletionTokens)} tokens, 4NT = {flops / 1e9:F1} GFLOP per step; torch threads {torch.get_num_threads()}.");
        Console.WriteLine($"// DPO step memory: RSS before step {before / 1048576.0:F0} MiB, peak RSS during step {peak / 1048576.0:F0} MiB (+{(peak - before) / 1048576.0:F0} MiB){(reset ? string.Empty : " [peak not reset: includes setup]")}; single-step throughput {report.TokensPerSecond:F0} tokens/s, loss {report.Loss:F4}.");
        Console.WriteLine($"// DPO step share: {seconds:F2} s, achieved 4NT/t = {achieved / 1e9:F2} GFLOP/s; fp32 matmul in this process just before/after {matmulBefore / 1e9:F2}/{matmulAfter / 1e9:F2} GFLOP/s; share {achieved / matmulRate:P0}.");
    }

    /// <summary>fp32 matmul rate on the MLP shape for all tokens of a step, measured here and now.</summary>
    private static double MatmulFlopsPerSecond()
    {
        using var scope = NewDisposeScope();
        var left = randn(Pairs * 2 * (PromptTokens + CompletionTokens), Hidden);
        var right = randn(Hidden, Intermediate);
        left.matmul(right);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < MatmulRepeats; i++)
        {
            left.matmul(right);
        }

        return 2.0 * left.shape[0] * Hidden * Intermediate * MatmulRepeats / stopwatch.Elapsed.TotalSeconds;
    }

    [Benchmark(Description = "DPO step (LoRA, precomputed reference)")]
    public double DpoStep() => _trainer!.RunStep(_run!, ++_step).Loss;

    [GlobalSetup(Target = nameof(Fp32Matmul))]
    public void SetUpMatmul()
    {
        TorchSharpNative.EnsureLoaded();
        manual_seed(0);

        // The MLP's up projection for all 2,048 tokens of a step: [2048, 512] x [512, 1376].
        _left = randn(Pairs * 2 * (PromptTokens + CompletionTokens), Hidden);
        _right = randn(Hidden, Intermediate);
        long flops = 2L * _left.shape[0] * Hidden * Intermediate * MatmulRepeats;
        Console.WriteLine($"// fp32 matmul: {MatmulRepeats} x [{_left.shape[0]}, {Hidden}] x [{Hidden}, {Intermediate}] = {flops / 1e9:F2} GFLOP per invocation; torch threads {torch.get_num_threads()}.");
    }

    /// <summary>Matmuls per <see cref="Fp32Matmul"/> invocation (so one invocation lasts long enough to time).</summary>
    public const int MatmulRepeats = 20;

    [Benchmark(Description = "fp32 matmul x20 [2048,512]x[512,1376]")]
    public void Fp32Matmul()
    {
        using var scope = NewDisposeScope();
        for (int i = 0; i < MatmulRepeats; i++)
        {
            _left!.matmul(_right!);
        }
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _run?.Dispose();
        _model?.Dispose();
        _left?.Dispose();
        _right?.Dispose();
    }
}
