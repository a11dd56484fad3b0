using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using WrongOverWrong.Benchmarks.Optimization;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Sampling;
using WrongOverWrong.Training.Scoring;
using static TorchSharp.torch;

namespace WrongOverWrong.Benchmarks.Peer;

/// <summary>
/// Our side of the side-by-side comparison with PyTorch (<c>benchmarks/peer/run-peer.sh</c>, issue 14
/// section 3): times one task through the library's public path and prints one JSON line, the same
/// fields as <c>benchmarks/peer/peer.py</c> prints for the same task, sizes and threads.
/// </summary>
/// <remarks>
/// Tasks: <c>matmul</c> (fp32 [tokens, hidden] x [hidden, intermediate], the DPO step's MLP shape),
/// <c>dpo</c> (<see cref="DpoOptimizer"/> step with LoRA r16 on the seven projections and reference
/// log-probs precomputed by <c>PrepareRun</c>, outside the timed step), <c>score</c>
/// (<see cref="TeacherForcedScorer"/>), <c>sample</c> (<see cref="SequenceSampler"/>, KV cache,
/// temperature 1). Weights are random with a fixed seed; only speed is compared.
/// Run: <c>dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- peer-side dpo 2 --pairs 4</c>.
/// </remarks>
public static class PeerSide
{
    /// <summary>Runs <c>peer-side &lt;task&gt; &lt;threads&gt; [--option value ...]</c> (options as peer.py's).</summary>
    /// <param name="args">The arguments after <c>peer-side</c>.</param>
    public static void Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 2)
        {
            throw new ArgumentException("Usage: peer-side <info|matmul|dpo|dpo-concat|score|sample> <threads> [--vocab n --hidden n --layers n --heads n --kv-heads n --intermediate n --rank n --pairs n --prompt n --completion n --score-pairs n --samples n --new-tokens n --sample-prompt n --repeats n]");
        }

        string task = args[0];
        int threads = int.Parse(args[1], CultureInfo.InvariantCulture);
        var o = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["vocab"] = 32_000, ["hidden"] = 512, ["layers"] = 8, ["heads"] = 8, ["kv-heads"] = 8,
            ["intermediate"] = 1376, ["rank"] = 16, ["pairs"] = 4, ["prompt"] = 128, ["completion"] = 128,
            ["score-pairs"] = 8, ["samples"] = 10, ["new-tokens"] = 128, ["sample-prompt"] = 128, ["repeats"] = 2,
        };
        for (int i = 2; i + 1 < args.Length; i += 2)
        {
            string key = args[i].TrimStart('-');
            if (!o.ContainsKey(key))
            {
                throw new ArgumentException($"Unknown option '{args[i]}'.");
            }

            o[key] = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        }

        TorchSharpNative.EnsureLoaded();
        TorchThreads.Apply(threads);
        var config = new LlamaConfig
        {
            VocabSize = o["vocab"],
            HiddenSize = o["hidden"],
            IntermediateSize = o["intermediate"],
            NumHiddenLayers = o["layers"],
            NumAttentionHeads = o["heads"],
            NumKeyValueHeads = o["kv-heads"],
            HeadDim = o["hidden"] / o["heads"],
        };

        var result = new Dictionary<string, object>(StringComparer.Ordinal) { ["side"] = "ours", ["task"] = task, ["threads"] = torch.get_num_threads() };
        List<double> times = task switch
        {
            "info" => Info(result),
            "matmul" => Matmul(o, result),
            "dpo" => Dpo(config, o, threads, result, sharePrompt: true),
            "dpo-concat" => Dpo(config, o, threads, result, sharePrompt: false),
            "score" => Score(config, o, result),
            "sample" => Sample(config, o, result),
            _ => throw new ArgumentException($"Unknown task '{task}'."),
        };
        if (times.Count > 0)
        {
            result["best"] = times.Min();
            result["median"] = Median(times);
            result["times"] = times;
        }

        Console.WriteLine(JsonSerializer.Serialize(result));
    }

    private static List<double> Info(Dictionary<string, object> result)
    {
        result["version"] = $"TorchSharp {typeof(torch).Assembly.GetName().Version}, libtorch 2.10.0 (libtorch-cpu-linux-x64)";
        // The libtorch-cpu-linux-x64 package links Intel oneAPI MKL statically into libtorch_cpu.so.
        result["blas"] = "Intel oneAPI MKL, statically linked into libtorch_cpu.so";
        return [];
    }

    private static List<double> Matmul(Dictionary<string, int> o, Dictionary<string, object> result)
    {
        long tokens = (long)o["pairs"] * 2 * (o["prompt"] + o["completion"]);
        const int Repeats = 20;
        double flops = 2.0 * tokens * o["hidden"] * o["intermediate"] * Repeats;
        var times = new List<double>();
        using (NewDisposeScope())
        {
            manual_seed(0);
            Tensor left = randn(tokens, o["hidden"]);
            Tensor right = randn(o["hidden"], o["intermediate"]);
            left.matmul(right).Dispose();
            for (int r = 0; r < o["repeats"]; r++)
            {
                times.Add(Time(() =>
                {
                    for (int i = 0; i < Repeats; i++)
                    {
                        left.matmul(right).Dispose();
                    }
                }));
            }
        }

        result["gflops"] = flops / times.Min() / 1e9;
        result["shape"] = $"20 x [{tokens},{o["hidden"]}]x[{o["hidden"]},{o["intermediate"]}]";
        return times;
    }

    private static List<double> Dpo(LlamaConfig config, Dictionary<string, int> o, int threads, Dictionary<string, object> result, bool sharePrompt)
    {
        using var model = LlamaForCausalLM.Create(config, seed: 0);
        model.AttachLora(new LoraOptions { Rank = o["rank"], Alpha = o["rank"], Dropout = 0.0 });
        var tokenizer = new WordTokenizer(config.VocabSize);
        var random = new Random(42);
        var pairs = Enumerable.Range(0, o["pairs"]).Select(i => new Preference
        {
            QuestionId = $"q{i}",
            Prompt = WordTokenizer.RandomText(random, o["prompt"], config.VocabSize),
            Chosen = WordTokenizer.RandomText(random, o["completion"], config.VocabSize),
            Rejected = WordTokenizer.RandomText(random, o["completion"], config.VocabSize),
        }).ToList();
        var trainer = new DpoOptimizer(model, tokenizer, tokenizer, new TrainerOptions
        {
            BatchSize = o["pairs"],
            Epochs = 1000,
            MaxLength = o["prompt"] + o["completion"],
            MaxPromptLength = o["prompt"],
            Threads = threads,
            SharePromptForward = sharePrompt,
        });
        using PreparedRun run = trainer.PrepareRun(pairs);
        int step = 0;
        double loss = trainer.RunStep(run, ++step).Loss; // warm-up: allocates AdamW's state
        var times = new List<double>();
        for (int r = 0; r < o["repeats"]; r++)
        {
            times.Add(Time(() => loss = trainer.RunStep(run, ++step).Loss));
        }

        result["tokens"] = o["pairs"] * 2 * (o["prompt"] + o["completion"]);
        result["trainable"] = model.LoraParameters().Sum(p => p.Parameter.numel());
        result["loss"] = loss;
        return times;
    }

    private static List<double> Score(LlamaConfig config, Dictionary<string, int> o, Dictionary<string, object> result)
    {
        using var model = LlamaForCausalLM.Create(config, seed: 0);
        var random = new Random(7);
        var pairs = Enumerable.Range(0, o["score-pairs"])
            .Select(_ => ((IReadOnlyList<int>)RandomIds(random, o["prompt"], config.VocabSize), (IReadOnlyList<int>)RandomIds(random, o["completion"], config.VocabSize)))
            .ToList();
        var scorer = new TeacherForcedScorer(model, batchSize: o["score-pairs"]);
        scorer.Score(pairs);
        var times = new List<double>();
        for (int r = 0; r < o["repeats"]; r++)
        {
            times.Add(Time(() => scorer.Score(pairs)));
        }

        result["tokens"] = o["score-pairs"] * (o["prompt"] + o["completion"]);
        return times;
    }

    private static List<double> Sample(LlamaConfig config, Dictionary<string, int> o, Dictionary<string, object> result)
    {
        using var model = LlamaForCausalLM.Create(config, seed: 0);
        int[] prompt = RandomIds(new Random(5), o["sample-prompt"], config.VocabSize);
        var sampler = new SequenceSampler(model);
        var options = new SamplingOptions { NumSamples = o["samples"], MaxNewTokens = o["new-tokens"], Temperature = 1.0, Seed = 11 };
        sampler.Sample(prompt, options with { MaxNewTokens = 8 });
        var times = new List<double>();
        for (int r = 0; r < o["repeats"]; r++)
        {
            times.Add(Time(() => sampler.Sample(prompt, options)));
        }

        result["tokens"] = o["samples"] * o["new-tokens"];
        return times;
    }

    private static int[] RandomIds(Random random, int count, int vocabulary) =>
        Enumerable.Range(0, count).Select(_ => random.Next(2, vocabulary)).ToArray();

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
