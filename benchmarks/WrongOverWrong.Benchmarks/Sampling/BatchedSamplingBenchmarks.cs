using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TorchSharp;
using WrongOverWrong.Benchmarks.Optimization;
using WrongOverWrong.Sources;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using static TorchSharp.torch;

namespace WrongOverWrong.Benchmarks.Sampling;

/// <summary>
/// The main job's sampling step through <see cref="ChatAnswerSource"/> over <see cref="LocalChatClient"/>:
/// 10 answers x 64 new tokens for each of 50 prompts of 60 to 357 tokens (NLGraph shortest-path
/// prompts span about that range), with the benchmark model of <see cref="SamplingThroughputBenchmarks"/>
/// (d=256, 4 layers, vocabulary 32000, fp32, CPU). Compares one batched call per 50 questions
/// (<see cref="WrongOverWrong.Chat.IBatchChatClient"/>) with the per-answer path (one <c>GetResponseAsync</c> per answer,
/// as before batching), and measures a large fp32 matmul in the same run as the reference rate.
/// Each case runs in its own process; the peak RSS of each timed iteration is printed
/// (<c>// peak RSS</c>), and the "one question" case is the memory reference.
/// Run: dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- --filter '*BatchedSampling*'
/// </summary>
// BenchmarkDotNet calls [IterationSetup]/[IterationCleanup] on the instance and disposes the client in
// [GlobalCleanup], which the analyzers cannot see.
#pragma warning disable CA1001, CA1822
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 2)]
public class BatchedSamplingBenchmarks
{
    public const int Questions = 50;
    public const int Answers = 10;
    public const int NewTokens = 64;

    /// <summary>TorchSharp intra-op threads.</summary>
    [Params(2)]
    public int Threads { get; set; } = 2;

    /// <summary>The local client's KV-cache budget per generation batch (<see cref="LocalChatClientOptions.MaxBatchTokens"/>).</summary>
    public int MaxBatchTokens { get; set; } = 16_384;

    private LlamaForCausalLM? model;
    private LocalChatClient? client;
    private List<Question> questions = [];
    private Tensor? left;
    private Tensor? right;

    /// <summary>Prompt lengths: 60 + (37·i mod 298) tokens, i = 0..49.</summary>
    public static int PromptLength(int i) => 60 + ((37 * i) % 298);

    [GlobalSetup]
    public void Setup()
    {
        TorchSharpNative.EnsureLoaded();
        LlamaConfig config = SamplingThroughputBenchmarks.Config;
        model = LlamaForCausalLM.Create(config, seed: 1);
        var tokenizer = new WordTokenizer(config.VocabSize);
        client = new LocalChatClient(model, tokenizer, tokenizer, new LocalChatClientOptions { Threads = Threads, MaxBatchTokens = MaxBatchTokens });
        var random = new Random(5);
        questions = Enumerable.Range(0, Questions).Select(i => new Question
        {
            Id = $"q{i}",
            Task = "bench",
            Prompt = WordTokenizer.RandomText(random, PromptLength(i), config.VocabSize),
        }).ToList();
        left = torch.randn(1024, 1024).DetachFromDisposeScope();
        right = torch.randn(1024, 1024).DetachFromDisposeScope();
        Console.WriteLine($"// batched sampling: {Questions * Answers * NewTokens} new tokens per 50-question call; analytic forward FLOPs of the batched path {BatchedFlops(Questions) / 1e9:F1} GFLOP, of the per-answer path {PerAnswerFlops() / 1e9:F1} GFLOP; torch threads {Threads}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        client?.Dispose();
        model?.Dispose();
        left?.Dispose();
        right?.Dispose();
    }

    [IterationSetup]
    public void ResetPeak() => ProcessMemory.ResetPeak();

    [IterationCleanup]
    public void ReportPeak() =>
        Console.WriteLine($"// peak RSS {ProcessMemory.PeakResidentBytes() / (1024 * 1024)} MiB (resident now {ProcessMemory.ResidentBytes() / (1024 * 1024)} MiB)");

    [Benchmark(Description = "50 questions x 10 answers x 64 tokens, batched")]
    public int Batched() => Run(questions, batch: true);

    [Benchmark(Baseline = true, Description = "50 questions x 10 answers x 64 tokens, one call per answer")]
    public int PerAnswer() => Run(questions, batch: false);

    [Benchmark(Description = "1 question x 10 answers x 64 tokens, batched (memory reference)")]
    public int OneQuestion() => Run(questions.Skip(Questions - 1).ToList(), batch: true);

    /// <summary>Ten 1024^3 fp32 matmuls: 21.47 GFLOP, the reference rate.</summary>
    [Benchmark(Description = "fp32 matmul 1024^3 x10")]
    public float Matmul()
    {
        torch.set_num_threads(Threads);
        float sink = 0;
        for (int i = 0; i < 10; i++)
        {
            using Tensor product = torch.matmul(left!, right!);
            sink += product[0, 0].item<float>();
        }

        return sink;
    }

    /// <summary>
    /// One pass of every case in this process (<c>-- batched-sampling [threads]</c>), for a quick ratio
    /// on a machine where BenchmarkDotNet's repeated multi-minute per-answer runs do not fit: a warm-up
    /// question, then the one-question memory reference, the batched run, the per-answer run and the
    /// matmul, each timed once, with the peak RSS (VmHWM reset before each).
    /// </summary>
    /// <param name="threads">TorchSharp intra-op threads.</param>
    /// <param name="maxBatchTokens">The client's KV-cache budget per generation batch.</param>
    /// <param name="skipPerAnswer">Only the matmul, memory reference and batched run.</param>
    public static void RunOnce(int threads, int maxBatchTokens = 16_384, bool skipPerAnswer = false)
    {
        // Without this glibc's rising mmap threshold fragments the heap: peak RSS 1.62-1.66x instead of 1.42x.
        bool fixedThreshold = Environment.GetEnvironmentVariable("WOW_DYNAMIC_MMAP_THRESHOLD") != "1" && NativeAllocator.FixMmapThreshold();
        var bench = new BatchedSamplingBenchmarks { Threads = threads, MaxBatchTokens = maxBatchTokens };
        Console.WriteLine($"// MaxBatchTokens {maxBatchTokens}; glibc mmap threshold {(fixedThreshold ? "fixed at 128 KiB" : "dynamic")}");
        bench.Setup();
        try
        {
            bench.OneQuestion();
            double matmulBefore = Time(() => bench.Matmul());
            Console.WriteLine($"// threads {threads}; fp32 matmul {Rate(matmulBefore):F1} GFLOP/s ({matmulBefore:F3} s for 21.47 GFLOP)");
            int tokens = Questions * Answers * NewTokens;
            (double oneSeconds, long onePeak) = Measure(() => bench.OneQuestion());
            Console.WriteLine($"// one question (10 answers, batched): {oneSeconds:F2} s, peak RSS {onePeak / 1048576} MiB");
            (double batchedSeconds, long batchedPeak) = Measure(() => bench.Batched());
            double batchedRate = BatchedFlops(Questions) / batchedSeconds / 1e9;
            Console.WriteLine($"// batched:    {batchedSeconds:F2} s, {tokens / batchedSeconds:F0} tokens/s, {batchedRate:F1} GFLOP/s = {batchedRate / Rate(matmulBefore):P0} of matmul, peak RSS {batchedPeak / 1048576} MiB = {(double)batchedPeak / onePeak:F2}x one question");
            double matmulBetween = Time(() => bench.Matmul());
            Console.WriteLine($"// fp32 matmul {Rate(matmulBetween):F1} GFLOP/s");
            if (skipPerAnswer)
            {
                return;
            }

            (double perAnswerSeconds, long perAnswerPeak) = Measure(() => bench.PerAnswer());
            Console.WriteLine($"// per answer: {perAnswerSeconds:F2} s, {tokens / perAnswerSeconds:F0} tokens/s, {PerAnswerFlops() / perAnswerSeconds / 1e9:F1} GFLOP/s, peak RSS {perAnswerPeak / 1048576} MiB");
            double matmulAfter = Time(() => bench.Matmul());
            Console.WriteLine($"// fp32 matmul {Rate(matmulAfter):F1} GFLOP/s; speed-up {perAnswerSeconds / batchedSeconds:F1}x");
        }
        finally
        {
            bench.Cleanup();
        }

        static double Rate(double seconds) => 10 * 2.0 * Math.Pow(1024, 3) / seconds / 1e9;

        static (double Seconds, long Peak) Measure(Action action)
        {
            ProcessMemory.ResetPeak();
            double seconds = Time(action);
            return (seconds, ProcessMemory.PeakResidentBytes());
        }

        static double Time(Action action)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            action();
            return watch.Elapsed.TotalSeconds;
        }
    }

    private int Run(List<Question> subset, bool batch)
    {
        var source = new ChatAnswerSource(client!, new ChatAnswerSourceOptions
        {
            SamplesPerQuestion = Answers,
            MaxOutputTokens = NewTokens,
            Extraction = FinalAnswerExtraction.Direct,
            BatchWhenAvailable = batch,
            QuestionsPerBatch = Questions,
        });
        return Task.Run(async () =>
        {
            int tokens = 0;
            await foreach (var set in source.GetAnswerSetsAsync(new PromptTask(), subset).ConfigureAwait(false))
            {
                tokens += set.Candidates.Sum(c => c.TokenCount ?? 0);
            }

            return tokens;
        }).GetAwaiter().GetResult();
    }

    /// <summary>Analytic forward FLOPs (2 per multiply-add) of the batched path: one prefill per prompt, then 10 rows per prompt.</summary>
    public static double BatchedFlops(int questionCount)
    {
        (double linear, double head, double attentionPerKey) = Costs();
        double total = 0;
        for (int i = 0; i < questionCount; i++)
        {
            int p = PromptLength(i);
            total += (p * linear) + (attentionPerKey * p * (p + 1) / 2) + head;
            for (int step = 1; step < NewTokens; step++)
            {
                total += Answers * (linear + (attentionPerKey * (p + step)) + head);
            }
        }

        return total;
    }

    /// <summary>The per-answer path prefills every answer's prompt separately.</summary>
    public static double PerAnswerFlops()
    {
        (double linear, double head, double attentionPerKey) = Costs();
        double total = BatchedFlops(Questions);
        for (int i = 0; i < Questions; i++)
        {
            int p = PromptLength(i);
            total += (Answers - 1) * ((p * linear) + (attentionPerKey * p * (p + 1) / 2) + head);
        }

        return total;
    }

    private static (double Linear, double Head, double AttentionPerKey) Costs()
    {
        LlamaConfig c = SamplingThroughputBenchmarks.Config;
        double linear = 2.0 * c.NumHiddenLayers * ((c.HiddenSize * (long)c.NumAttentionHeads * c.HeadDim * 2) + (c.HiddenSize * (long)c.NumKeyValueHeads * c.HeadDim * 2) + (3L * c.HiddenSize * c.IntermediateSize));
        return (linear, 2.0 * c.HiddenSize * c.VocabSize, 4.0 * c.NumHiddenLayers * c.NumAttentionHeads * c.HeadDim);
    }

    /// <summary>The question text is the prompt; the final answer is the response's first word.</summary>
    private sealed class PromptTask : ITaskOracle
    {
        public string Name => "bench";

        public bool IsMultipleChoice => false;

        public string FinalAnswerInstruction => "t2";

        public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null) => question.Prompt;

        public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null) =>
            new(text.Split(' ', 2)[0]);

        public Grade Grade(Question question, Candidate candidate) => new(0, 0, false);
    }
}
#pragma warning restore CA1001, CA1822
