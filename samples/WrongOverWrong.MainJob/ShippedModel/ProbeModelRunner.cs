using System.Diagnostics;
using System.Globalization;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>Runs <c>probe-model</c>: loads a model folder and probes it with <see cref="ShippedModelProbe"/>.</summary>
public static class ProbeModelRunner
{
    /// <summary>Seed offset of the probe questions; clear of the recipe's (42-43, 1042-1043) and the main job's (7,000,000 and 8,000,000 above its seed).</summary>
    public const int SeedOffset = 9_000_000;

    /// <summary>The questions <c>probe-model</c> asks.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The probe's seed.</param>
    /// <param name="hard">NLGraph's hard sizes instead of the easy ones.</param>
    public static IReadOnlyList<Question> Questions(int count, int seed, bool hard)
    {
        var options = hard ? ShortestPathGeneratorOptions.Hard(seed + SeedOffset) : ShortestPathGeneratorOptions.Easy(seed + SeedOffset);
        options.IdPrefix = hard ? "probe-model-hard" : "probe-model-easy";
        return new ShortestPathGenerator(options).Generate(count).ToList();
    }

    /// <summary>Probes the model in <paramref name="modelFolder"/> and writes what it measured to <paramref name="output"/>.</summary>
    /// <param name="modelFolder">A Hugging Face-layout folder with config.json, weights, tokenizer and chat template.</param>
    /// <param name="questions">Fresh questions.</param>
    /// <param name="samples">Answers per question.</param>
    /// <param name="seed">Seed of questions and sampling.</param>
    /// <param name="hard">NLGraph's hard sizes.</param>
    /// <param name="threads">libtorch threads.</param>
    /// <param name="output">Where the result goes.</param>
    /// <param name="cancellationToken">Stops between questions.</param>
    public static async Task<ProbeResult> RunAsync(string modelFolder, int questions, int samples, int seed, bool hard, int threads, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(Path.Combine(modelFolder, "config.json")))
        {
            throw new FileNotFoundException($"{modelFolder} is not a model folder (no config.json).", Path.Combine(modelFolder, "config.json"));
        }

        TorchThreads.Apply(threads);
        using var model = LlamaForCausalLM.FromPretrained(modelFolder);
        var tokenizer = HuggingFaceTokenizer.FromFolder(modelFolder);
        using var client = new LocalChatClient(model, tokenizer, ChatTemplates.FromFolder(modelFolder), new LocalChatClientOptions { ModelId = Path.GetFileName(Path.TrimEndingDirectorySeparator(modelFolder)), MaxOutputTokens = ShippedModelProbe.MaxOutputTokens, Threads = threads });
        var asked = Questions(questions, seed, hard);
        var clock = Stopwatch.StartNew();
        ProbeResult result = await ShippedModelProbe.RunAsync(client, asked, samples, seed, cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{modelFolder}, {(hard ? "hard" : "easy")} questions (seed {seed}), temperature 1, {clock.Elapsed.TotalSeconds:F0} s:"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Acc {result.Accuracy:P1} [{result.AccuracyInterval?.Lower:P1}, {result.AccuracyInterval?.Upper:P1}] (95% bootstrap CI over questions, the paper's rule: the stated total); strict Acc {result.StrictAccuracy:P1} (the stated path must exist too); {result}"));
        return result;
    }
}
