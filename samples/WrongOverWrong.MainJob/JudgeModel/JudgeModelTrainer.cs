using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.MainJob.JudgeModel;

/// <summary>
/// Trains the shipped judge by <see cref="JudgeModelRecipe"/>: samples and grades the generator's
/// answers, renders the judge prompts, trains a tokenizer and a small model from scratch with
/// <see cref="SftTrainer"/>, probes it on held-out judge prompts, and writes a Hugging Face-layout
/// folder (config.json, model.safetensors, tokenizer.json, tokenizer_config.json with the chat template).
/// </summary>
public static class JudgeModelTrainer
{
    /// <summary>Runs the recipe and writes the judge into <paramref name="outputDirectory"/>.</summary>
    /// <param name="recipe">Sizes, counts and seeds.</param>
    /// <param name="outputDirectory">The judge's folder (created).</param>
    /// <param name="log">Receives the training log.</param>
    /// <param name="cancellationToken">Stops sampling between batches and training after the current step.</param>
    /// <exception cref="FileNotFoundException">The generator folder has no config.json.</exception>
    /// <exception cref="InvalidOperationException">A judge prompt and its reply exceed <see cref="JudgeModelRecipe.MaxSequenceTokens"/>.</exception>
    public static async Task RunAsync(JudgeModelRecipe recipe, string outputDirectory, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(log);
        string generatorConfig = Path.Combine(recipe.GeneratorFolder, "config.json");
        if (!File.Exists(generatorConfig))
        {
            throw new FileNotFoundException($"{recipe.GeneratorFolder}: no config.json, so no generator to sample the judge's candidate answers with. Restore models/wow-tiny-sp with git or pass --generator.", generatorConfig);
        }

        TorchThreads.Apply(recipe.Threads);
        NativeAllocator.FixMmapThreshold();
        var timestamped = new TimestampedLog(log);
        void Log(string line) => timestamped.Line(line);

        Log($"recipe {JsonSerializer.Serialize(recipe)}");
        IReadOnlyList<JudgeQuestion> training, held;
        using (var generator = LlamaForCausalLM.FromPretrained(recipe.GeneratorFolder))
        using (var generatorClient = new LocalChatClient(generator, HuggingFaceTokenizer.FromFolder(recipe.GeneratorFolder), ChatTemplates.FromFolder(recipe.GeneratorFolder), new LocalChatClientOptions { ModelId = "generator", MaxOutputTokens = JudgeTrainingData.AnswerTokens, Threads = recipe.Threads }))
        {
            var questions = recipe.TrainingQuestions();
            training = await JudgeTrainingData.SampleAsync(generatorClient, questions, recipe.Samples, recipe.GoldShare, recipe.Seed, done =>
            {
                if (done % 100 == 0 || done == questions.Count)
                {
                    Log($"sampled {done}/{questions.Count} training questions x {recipe.Samples} answers");
                }
            }, cancellationToken).ConfigureAwait(false);
            held = await JudgeTrainingData.SampleAsync(generatorClient, recipe.ProbeQuestionSet(), recipe.Samples, recipe.GoldShare, recipe.Seed + 1, null, cancellationToken).ConfigureAwait(false);
        }

        var answers = training.SelectMany(q => q.Answers).ToList();
        Log(string.Create(CultureInfo.InvariantCulture, $"{answers.Count} candidate answers to {training.Count} questions ({training.Count(q => q.Question.Id.Contains("hard", StringComparison.Ordinal))} hard); scores 0-5: {string.Join(" ", Enumerable.Range(0, 6).Select(s => $"{s}:{answers.Count(a => a.Score == s)}"))}"));

        var random = new Random(recipe.Seed);
        var examples = new List<(string Prompt, string Completion)>();
        foreach (var question in training)
        {
            examples.AddRange(JudgeTrainingData.ScoreExamples(question, recipe.ScorePromptsPerQuestion, recipe.BatchSize, random));
            examples.AddRange(JudgeTrainingData.PairwiseExamples(question, recipe.PairsPerQuestion, random));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(examples));
        int scoreCount = examples.Count(e => e.Completion.StartsWith("Stated", StringComparison.Ordinal));
        Log($"{examples.Count} judge prompts: {scoreCount} score-judge, {examples.Count - scoreCount} pairwise");

        ByteLevelBpeModel bpe = ByteLevelBpeTrainer.Train(
            examples.Take(3000).SelectMany(e => new[] { e.Prompt, e.Completion }),
            new ByteLevelBpeTrainerOptions { VocabularySize = recipe.VocabularySize },
            cancellationToken: cancellationToken);
        var tokenizer = bpe.CreateTokenizer();
        var template = new TinyChatTemplate();
        int maxReply = CheckLengths(recipe, tokenizer, template, examples, Log);

        using var model = LlamaForCausalLM.Create(recipe.ModelConfig(bpe.VocabularySize), recipe.Seed);
        LlamaConfig config = model.Config;
        if (config.MaxPositionEmbeddings < recipe.MaxSequenceTokens)
        {
            throw new InvalidOperationException($"The judge's max_position_embeddings ({config.MaxPositionEmbeddings}) is below --max-tokens ({recipe.MaxSequenceTokens}).");
        }

        long parameters = model.BaseParameters().Sum(p => p.Parameter.numel());
        Log($"model: d={config.HiddenSize}, {config.NumHiddenLayers} layers, {config.NumAttentionHeads} heads, MLP {config.IntermediateSize}, {config.MaxPositionEmbeddings} positions: {parameters:N0} parameters");

        var options = new TrainerOptions
        {
            LearningRate = recipe.LearningRate,
            Schedule = LearningRateScheduleKind.Cosine,
            WarmupRatio = 0.03,
            WeightDecay = 0.0,
            Epochs = recipe.Epochs,
            BatchSize = recipe.BatchExamples,
            MaxLength = recipe.MaxSequenceTokens,
            MaxPromptLength = recipe.MaxSequenceTokens - maxReply,
            Seed = recipe.Seed,
            Threads = recipe.Threads,
        };
        var probes = JudgeModelProbe.Build(held, recipe.BatchSize, recipe.Seed);
        using var client = new LocalChatClient(model, tokenizer, template, new LocalChatClientOptions { ModelId = "wow-tiny-judge", MaxOutputTokens = JudgeModelProbe.MaxReplyTokens, Threads = recipe.Threads });
        void Probe(int step)
        {
            var result = JudgeModelProbe.RunAsync(client, probes, cancellationToken).GetAwaiter().GetResult();
            Log($"probe at step {step} on {held.Count} held-out questions: {result}");
        }

        double tokensPerSecond = 0;
        var progress = new SynchronousProgress(report =>
        {
            tokensPerSecond = tokensPerSecond == 0 ? report.TokensPerSecond : 0.95 * tokensPerSecond + 0.05 * report.TokensPerSecond;
            if (report.Step % 25 == 0 || report.Step == 5)
            {
                Log(string.Create(CultureInfo.InvariantCulture, $"step {report.Step}/{report.TotalSteps} loss {report.Loss:F4} lr {report.LearningRate:E2} {tokensPerSecond:F0} tokens/s"));
            }

            if (report.Step % recipe.ProbeEvery == 0 && report.Step != report.TotalSteps)
            {
                Probe(report.Step);
            }
        });
        var trained = await new SftTrainer(model, tokenizer, template, options).TrainAsync(examples, progress, cancellationToken).ConfigureAwait(false);
        Probe(trained.Steps);
        Directory.CreateDirectory(outputDirectory);
        model.SavePretrained(outputDirectory);
        bpe.Save(outputDirectory);
        Log($"saved to {outputDirectory}; {trained.Steps} steps, final loss {trained.FinalLoss:F4}");
    }

    /// <summary>
    /// Fails the run when a judge prompt and its reply would not fit: the trainer would cut them
    /// silently, and a judge trained on cut prompts would meet whole ones when it serves.
    /// </summary>
    /// <returns>The longest reply in tokens (with its end-of-turn), which bounds the prompt budget.</returns>
    private static int CheckLengths(JudgeModelRecipe recipe, HuggingFaceTokenizer tokenizer, TinyChatTemplate template, List<(string Prompt, string Completion)> examples, Action<string> log)
    {
        int longestPrompt = 0, longestReply = 0, longestTotal = 0;
        long totalTokens = 0;
        foreach (var (prompt, completion) in examples)
        {
            int p = ChatPromptEncoder.Encode(tokenizer, template, [new ChatMessage(ChatRole.User, prompt)]).Length;
            int c = tokenizer.Encode(completion + template.EndOfTurn).Count;
            longestPrompt = Math.Max(longestPrompt, p);
            longestReply = Math.Max(longestReply, c);
            longestTotal = Math.Max(longestTotal, p + c);
            totalTokens += p + c;
        }

        log(string.Create(CultureInfo.InvariantCulture, $"tokenizer: {tokenizer.VocabularySize} ids; longest judge prompt {longestPrompt} tokens, longest reply {longestReply}, longest both {longestTotal} (limit {recipe.MaxSequenceTokens}); mean {(double)totalTokens / examples.Count:F0} tokens per example"));
        // The trainer's prompt budget is the limit less the longest reply, so that is what must fit.
        if (longestPrompt + longestReply > recipe.MaxSequenceTokens)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The longest judge prompt ({longestPrompt} tokens) and the longest reply ({longestReply}) take more than --max-tokens {recipe.MaxSequenceTokens}; raise --max-tokens (the model has 4096 positions) or lower --k, rather than train on cut prompts."));
        }

        return longestReply;
    }

    /// <summary>Runs the callback on the reporting thread, so probes see the model between two steps.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> callback) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => callback(value);
    }
}
