using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Pipeline.Reports;
using WrongOverWrong.Sources;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Pipeline;
using WrongOverWrong.Training.Tests.Optimization;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Tests.Pipeline;

/// <summary>
/// The whole pipeline with a tiny TorchSharp policy: scripted training answers, LoRA arms trained
/// with DPO beside the random-preference and SFT controls, adapters in PEFT layout per arm, the
/// held-out questions sampled from the real (tiny, untrained) models, and a resume after an
/// interruption in the middle of training that retrains nothing and resamples nothing.
/// </summary>
public sealed partial class LoraPolicyPipelineTests
{
    private static readonly HuggingFaceTokenizer Tokenizer = ByteLevelBpeTrainer.Train(
        ["q0: what is 5 + 5? Answer: 10", "q1: what is 5 + 5? Answer: 12", "Answer: 13 Answer: 14"],
        new ByteLevelBpeTrainerOptions { VocabularySize = 300 }).CreateTokenizer();

    [Fact]
    public async Task Arms_train_as_peft_adapters_and_a_resume_mid_training_retrains_and_resamples_nothing()
    {
        var folder = TrainingData.TemporaryDirectory();
        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var generator = Generator(calls);
        var options = Options(folder);

        // Interrupted once the first arm has trained.
        using (var policy = Policy())
        using (var cts = new CancellationTokenSource())
        {
            var progress = new Sync<PipelineProgress>(p =>
            {
                if (p.Stage == PipelineStages.Train && p.Done >= 1)
                {
                    cts.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new ExperimentPipeline(options).RunAsync(Inputs(generator, policy), progress, cts.Token));
        }

        var firstArm = Path.Combine(folder, "arms", "oracle-wow.dpo", "adapter");
        Assert.True(File.Exists(Path.Combine(firstArm, "adapter_config.json")));
        Assert.True(File.Exists(Path.Combine(firstArm, "adapter_model.safetensors")));
        var adapterWritten = File.GetLastWriteTimeUtc(Path.Combine(firstArm, "adapter_model.safetensors"));
        var evalAnswers = File.ReadAllText(Path.Combine(folder, "eval-answers", "oracle-wow.dpo.jsonl"));
        var generatorCalls = calls.Values.Sum();

        ExperimentReport report;
        using (var policy = Policy())
        {
            report = await new ExperimentPipeline(options).RunAsync(Inputs(generator, policy));
        }

        Assert.Equal(generatorCalls, calls.Values.Sum());
        Assert.Equal(adapterWritten, File.GetLastWriteTimeUtc(Path.Combine(firstArm, "adapter_model.safetensors")));
        Assert.Equal(evalAnswers, File.ReadAllText(Path.Combine(folder, "eval-answers", "oracle-wow.dpo.jsonl")));
        Assert.Equal(["base", "oracle-wow.dpo", "oracle-wow.dpo.random", "oracle-wow.sft"], report.Arms.Select(a => a.Arm));
        Assert.All(report.Arms.Skip(1), a => Assert.NotNull(a.DeltaToBase));
        Assert.All(new[] { "oracle-wow.dpo.random", "oracle-wow.sft" }, arm => Assert.True(File.Exists(Path.Combine(folder, "arms", arm, "adapter", "adapter_model.safetensors"))));
        Assert.Equal(8, report.Arms[0].Test.Answers);

        // A third run reads everything back: the same report, timings aside.
        using (var policy = Policy())
        {
            var again = await new ExperimentPipeline(options).RunAsync(Inputs(generator, policy));
            Assert.Equal((report with { Timings = [] }).ToJson(), (again with { Timings = [] }).ToJson());
        }
    }

    private static ExperimentOptions Options(string folder) => new()
    {
        RunDirectory = folder,
        GeneratorName = "scripted",
        SamplesPerQuestion = 5,
        EvaluationSamplesPerQuestion = 4,
        MaxOutputTokens = 6,
        Extraction = FinalAnswerExtraction.Direct,
        TrainingSources = [TrainingSource.OracleWoW],
        MinTrainingPairs = 2,
        MaxTrainingPairs = 8,
        BootstrapResamples = 20,
        MaxConcurrency = 1,
    };

    private static LoraPolicy Policy() => new(
        () => LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: Tokenizer.VocabularySize), seed: 5),
        Tokenizer,
        new TinyChatTemplate(),
        new LoraPolicyOptions
        {
            Lora = new LoraOptions { Rank = 4, Alpha = 4, Seed = 1 },
            Trainer = new TrainerOptions { LearningRate = 1e-3, Epochs = 1, BatchSize = 4, MaxLength = 96, MaxPromptLength = 48, SaveSteps = 1 },
            GuardAgainstCollapse = false, // a random tiny model parses nothing, so it would fail the guard before training
            Sampling = new LocalChatClientOptions { MaxOutputTokens = 6 },
            BaseModelName = "tiny-random",
        });

    private static ExperimentInputs Inputs(IChatClient generator, IPolicy policy) => new()
    {
        Task = new SumTask(),
        TrainingQuestions = Questions("t", 4),
        HeldOutQuestions = Questions("h", 2),
        Elicitors = [new WrongOverWrong.Elicitation.LogProbabilityElicitor()],
        Generator = generator,
        Policy = policy,
    };

    private static IReadOnlyList<Question> Questions(string prefix, int n) =>
        [.. Enumerable.Range(0, n).Select(i => new Question { Id = prefix + i, Task = "sum", Prompt = $"q{i}: what is 5 + 5?", GoldAnswer = "10" })];

    private static IChatClient Generator(ConcurrentDictionary<string, int> calls) => new FuncChatClient((messages, options) =>
    {
        var sample = Convert.ToInt32(options!.AdditionalProperties![ChatAnswerSourceOptions.SampleIndexKey], CultureInfo.InvariantCulture);
        calls.AddOrUpdate($"{messages[^1].Text}|{sample}", 1, (_, n) => n + 1);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, $"Answer: {10 + sample}"));
        LogProbabilities.Set(response, [-0.1 * (sample + 1)]);
        return response;
    });

    /// <summary>Answers "Answer: N"; training proxy -|N - 10|, cor 1 - |N - 10| / 10.</summary>
    private sealed partial class SumTask : ITaskOracle
    {
        public string Name => "sum";

        public bool IsMultipleChoice => false;

        public string FinalAnswerInstruction => "Answer: N";

        public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null) => question.Prompt;

        public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null) =>
            AnswerPattern().Match(text) is { Success: true } m ? new ExtractedAnswer(m.Groups[1].Value, Value: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) : null;

        public Grade Grade(Question question, Candidate candidate)
        {
            if (candidate.FinalAnswer is not { } a)
            {
                return WrongOverWrong.Grade.Unparsable;
            }

            var error = Math.Abs(double.Parse(a, CultureInfo.InvariantCulture) - 10);
            return new Grade(-error, Math.Clamp(1 - (error / 10), 0, 1), error == 0);
        }

        [GeneratedRegex(@"Answer:\s*(\d+)")]
        private static partial Regex AnswerPattern();
    }

    private sealed class FuncChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> reply) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(reply(messages.ToList(), options));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class Sync<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
