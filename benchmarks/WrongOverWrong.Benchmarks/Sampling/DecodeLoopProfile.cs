using System.Diagnostics;
using TorchSharp;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Sampling;
using static TorchSharp.torch;

namespace WrongOverWrong.Benchmarks.Sampling;

/// <summary>
/// Where the time of whole <see cref="SamplingThroughputBenchmarks"/> calls goes: the sampler's
/// cached loop (prefill, then 127 steps of choose / copy ids out / layers / head) with a stopwatch
/// around each phase, four calls in a row. Unlike <see cref="DecodeStepProfile"/>, which times each
/// piece alone in a warm loop, this sees the caches as the real loop leaves them.
/// Run: dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- decode-loop [threads]
/// </summary>
internal static class DecodeLoopProfile
{
    public static void Run(int threads)
    {
        TorchSharpNative.EnsureLoaded();
        torch.set_num_threads(threads);
        LlamaConfig config = SamplingThroughputBenchmarks.Config;
        int rows = SamplingThroughputBenchmarks.Samples;
        int promptLength = SamplingThroughputBenchmarks.PromptLength;
        int steps = SamplingThroughputBenchmarks.NewTokens - 1;
        using var model = LlamaForCausalLM.Create(config, seed: 1);
        using var noGrad = torch.no_grad();
        var options = new SamplingOptions { NumSamples = rows, MaxNewTokens = steps + 1, Temperature = 1.0, Seed = 7 };
        for (int call = 0; call < 4; call++)
        {
            using var generator = new Generator(7, torch.CPU);
            double choose = 0, copy = 0, layers = 0, head = 0;
            var total = Stopwatch.StartNew();
            var watch = Stopwatch.StartNew();
            using KeyValueCache single = model.CreateCache(1, promptLength + steps + 1);
            Tensor logits;
            KeyValueCache cache;
            using (torch.NewDisposeScope())
            {
                Tensor hidden = model.ForwardHidden(torch.randint(0, config.VocabSize, [1, promptLength], dtype: ScalarType.Int64), single);
                cache = single.Repeat(rows);
                logits = model.ProjectToVocabulary(hidden.narrow(1, promptLength - 1, 1).squeeze(1)).expand(rows, config.VocabSize).contiguous().DetachFromDisposeScope();
            }

            double prefill = watch.Elapsed.TotalMilliseconds;
            for (int step = 0; step < steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                watch.Restart();
                (Tensor chosen, Tensor chosenLogProbabilities) = NextTokenChooser.Choose(logits, options, generator);
                choose += watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                _ = chosen.cpu().data<long>().ToArray();
                _ = chosenLogProbabilities.cpu().data<float>().ToArray();
                copy += watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                Tensor hidden = model.ForwardHidden(chosen.unsqueeze(1), cache);
                layers += watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                Tensor next = model.ProjectToVocabulary(hidden.squeeze(1));
                head += watch.Elapsed.TotalMilliseconds;
                logits.Dispose();
                logits = next.DetachFromDisposeScope();
            }

            logits.Dispose();
            cache.Dispose();
            Console.WriteLine($"threads {threads}, call {call + 1}: {total.Elapsed.TotalMilliseconds:F0} ms = prefill {prefill:F0} + choose {choose:F0} + copy {copy:F0} + layers {layers:F0} + head {head:F0} (ms over {steps} steps)");
        }

        var sampler = new SequenceSampler(model);
        var random = new Random(3);
        int[] prompt = Enumerable.Range(0, promptLength).Select(_ => random.Next(config.VocabSize)).ToArray();
        for (int call = 0; call < 4; call++)
        {
            var total = Stopwatch.StartNew();
            sampler.Sample(prompt, options);
            Console.WriteLine($"SequenceSampler.Sample: {total.Elapsed.TotalMilliseconds:F0} ms");
        }
    }
}
