using System.Globalization;
using System.Text.Json;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>
/// Trains the shipped default model from scratch by <see cref="ShippedModelRecipe"/>: tokenizer,
/// model, supervised training with held-out probes along the way, and a Hugging Face-layout folder
/// (config.json, model.safetensors, tokenizer.json, tokenizer_config.json with the chat template).
/// </summary>
public static class ShippedModelTrainer
{
    /// <summary>Runs the recipe and writes the model into <paramref name="outputDirectory"/>.</summary>
    /// <param name="recipe">Sizes, steps and seeds.</param>
    /// <param name="outputDirectory">The model folder (created; snapshots go to its <c>snapshots</c> subfolder when <paramref name="snapshotDirectory"/> is null).</param>
    /// <param name="log">Receives the training log, one line per probe and stage.</param>
    /// <param name="snapshotDirectory">Where each probe's snapshot is saved; null keeps none.</param>
    /// <param name="cancellationToken">Stops training after the current step.</param>
    public static async Task RunAsync(ShippedModelRecipe recipe, string outputDirectory, TextWriter log, string? snapshotDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(log);
        TorchThreads.Apply(recipe.Threads);
        NativeAllocator.FixMmapThreshold();
        var timestamped = new TimestampedLog(log);
        void Log(string line) => timestamped.Line(line);

        Log($"recipe {JsonSerializer.Serialize(recipe)}");
        var oracle = new ShortestPathOracle();
        IReadOnlyList<Question> questions = recipe.TrainingQuestions();
        var examples = recipe.TrainingExamples(questions, q => oracle.BuildPrompt(q));
        Log($"{questions.Count} training questions ({questions.Count(q => q.Id.Contains("hard", StringComparison.Ordinal))} hard), {recipe.NeighbourQuestions} neighbour-list examples");

        HuggingFaceTokenizer tokenizer;
        Action<string> saveTokenizer;
        LlamaForCausalLM model;
        if (recipe.ContinueFrom is { } start)
        {
            // Continue an earlier run: its tokenizer must stay, since the embeddings are indexed by its ids.
            tokenizer = HuggingFaceTokenizer.FromFolder(start);
            saveTokenizer = folder => CopyTokenizerFiles(start, folder);
            model = LlamaForCausalLM.FromPretrained(start);
            Log($"continuing from {start} (its config.json and tokenizer; the recipe's size options are not used)");
        }
        else
        {
            ByteLevelBpeModel bpe = ByteLevelBpeTrainer.Train(
                examples.Take(3000).SelectMany(e => new[] { e.Prompt, e.Completion }),
                recipe.TokenizerOptions(),
                cancellationToken: cancellationToken);
            tokenizer = bpe.CreateTokenizer();
            saveTokenizer = bpe.Save;
            model = LlamaForCausalLM.Create(recipe.ModelConfig(bpe.VocabularySize), recipe.Seed);
        }

        using var disposeModel = model;
        Log($"tokenizer: {tokenizer.VocabularySize} ids; a prompt is {tokenizer.Encode(examples[0].Prompt).Count} tokens, its answer {tokenizer.Encode(examples[0].Completion).Count}");
        LlamaConfig config = model.Config;
        long parameters = model.BaseParameters().Sum(p => p.Parameter.numel());
        Log($"model: d={config.HiddenSize}, {config.NumHiddenLayers} layers, {config.NumAttentionHeads} heads, MLP {config.IntermediateSize}: {parameters:N0} parameters");

        var template = new TinyChatTemplate();
        var options = new TrainerOptions
        {
            LearningRate = recipe.LearningRate,
            Schedule = LearningRateScheduleKind.Cosine,
            WarmupRatio = 0.02,
            WeightDecay = 0.0,
            Epochs = 1,
            BatchSize = recipe.BatchSize,
            MaxLength = 1024,
            MaxPromptLength = 896,
            Seed = recipe.Seed,
            Threads = recipe.Threads,
        };
        var trainer = new SftTrainer(model, tokenizer, template, options);
        var easyProbe = recipe.ProbeQuestions(hard: false, 60);
        var hardProbe = recipe.ProbeQuestions(hard: true, 20);
        var lookupProbe = recipe.NeighbourMaxNodes is null ? easyProbe.Take(40).ToList() : recipe.NeighbourGraphs(recipe.Seed + 1002, "probe-neighbours", 40);
        using var client = new LocalChatClient(model, tokenizer, template, new LocalChatClientOptions { ModelId = "wow-tiny-sp", MaxOutputTokens = ShippedModelProbe.MaxOutputTokens, Threads = recipe.Threads });

        void Probe(int step)
        {
            ProbeResult easy = ShippedModelProbe.RunAsync(client, easyProbe, 5, recipe.Seed, cancellationToken).GetAwaiter().GetResult();
            ProbeResult hard = ShippedModelProbe.RunAsync(client, hardProbe, 5, recipe.Seed, cancellationToken).GetAwaiter().GetResult();
            Log($"probe at step {step}: easy {easy}; hard {hard}");
            if (recipe.NeighbourQuestions > 0 || recipe.NeighboursFirst)
            {
                LookupResult lookup = LookupProbe.RunAsync(client, lookupProbe, recipe.NeighboursFirst, cancellationToken).GetAwaiter().GetResult();
                Log($"lookup at step {step}: {lookup}");
            }

            if (snapshotDirectory is not null)
            {
                string folder = Path.Combine(snapshotDirectory, string.Create(CultureInfo.InvariantCulture, $"step-{step:D6}"));
                model.SavePretrained(folder);
                saveTokenizer(folder);
            }
        }

        double tokensPerSecond = 0;
        int phaseOffset = 0;
        var progress = new SynchronousProgress(report =>
        {
            tokensPerSecond = tokensPerSecond == 0 ? report.TokensPerSecond : 0.95 * tokensPerSecond + 0.05 * report.TokensPerSecond;
            if (report.Step % 50 == 0)
            {
                Log(string.Create(CultureInfo.InvariantCulture, $"step {phaseOffset + report.Step}/{phaseOffset + report.TotalSteps} loss {report.Loss:F4} lr {report.LearningRate:E2} {tokensPerSecond:F0} tokens/s"));
            }

            if (report.Step % recipe.ProbeEvery == 0 && report.Step != report.TotalSteps)
            {
                Probe(phaseOffset + report.Step);
            }
        });
        var warmupQuestions = recipe.WarmupTrainingQuestions();
        if (warmupQuestions.Count > 0)
        {
            // A phase of its own (its own schedule and optimizer state), so the small graphs come first
            // instead of being shuffled into the NLGraph-size questions.
            var warmup = warmupQuestions.Select(q => (Prompt: oracle.BuildPrompt(q), Completion: recipe.Completion(q))).ToList();
            Log($"warm-up: {warmup.Count} questions on 3-5 node graphs, a prompt is {tokenizer.Encode(warmup[0].Prompt).Count} tokens");
            var warmupResult = await new SftTrainer(model, tokenizer, template, options).TrainAsync(warmup, progress, cancellationToken).ConfigureAwait(false);
            Probe(warmupResult.Steps);
            phaseOffset = warmupResult.Steps;
            Log($"warm-up done: {warmupResult.Steps} steps, final loss {warmupResult.FinalLoss:F4}");
        }

        var result = await trainer.TrainAsync(examples, progress, cancellationToken).ConfigureAwait(false);
        Probe(phaseOffset + result.Steps);
        Directory.CreateDirectory(outputDirectory);
        model.SavePretrained(outputDirectory);
        saveTokenizer(outputDirectory);
        Log($"saved to {outputDirectory}; {result.Steps} steps, final loss {result.FinalLoss:F4}");
    }

    private static void CopyTokenizerFiles(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string name in new[] { "tokenizer.json", "tokenizer_config.json" })
        {
            File.Copy(Path.Combine(from, name), Path.Combine(to, name), overwrite: true);
        }
    }

    /// <summary>Runs the callback on the reporting thread, so probes see the model between two steps.</summary>
    private sealed class SynchronousProgress(Action<WrongOverWrong.TrainingProgress> callback) : IProgress<WrongOverWrong.TrainingProgress>
    {
        public void Report(WrongOverWrong.TrainingProgress value) => callback(value);
    }
}
