using System.Text.RegularExpressions;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Sampling;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>
/// The collapse guard on a tiny Llama taught a toy answer format by SFT in the test: DPO at a far
/// too high learning rate destroys the format, and the guard stops it and restores a model that
/// still answers in the format.
/// </summary>
public sealed partial class CollapseGuardTests
{
    private static readonly string[] Questions = ["what is a plus b?", "what is c plus d?", "what is e plus f?", "what is g plus h?", "what is i plus j?", "what is k plus l?"];

    [GeneratedRegex(@"^answer: \d$")]
    private static partial Regex Format();

    private static double ShareInFormat(IReadOnlyList<string> answers) => answers.Count(a => Format().IsMatch(a)) / (double)answers.Count;

    private static CollapseGuard Guard => new()
    {
        Prompts = Questions,
        Validator = ShareInFormat,
        Threshold = 0.75,
        EverySteps = 1,
        MaxNewTokens = 12,
    };

    [Fact]
    public async Task TheGuardStopsATooHighLearningRateAndRestoresAModelThatKeepsTheFormat()
    {
        using LlamaForCausalLM model = await FormattedModel();
        model.AttachLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.0, Seed = 3 });
        var options = DpoOptions() with { CollapseGuard = Guard };
        var progress = new RecordingProgress();

        TrainingResult result = await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(Pairs(), progress);

        Assert.Equal(StopReason.CollapseDetected, result.StopReason);
        Assert.True(result.Steps < 12, $"stopped at step {result.Steps}");
        Assert.True(result.KeptStep < result.Steps);
        Assert.True(progress.Reports[^1].Metrics[LanguageModelTrainer.GuardMetricName] < 0.75);
        Assert.Contains("restored step", result.StopDetail, StringComparison.Ordinal);
        Assert.True(ShareInFormat(Answers(model)) >= 0.75, string.Join(" | ", Answers(model)));
    }

    [Fact]
    public async Task WithoutTheGuardTheSameRunLosesTheFormat()
    {
        using LlamaForCausalLM model = await FormattedModel();
        model.AttachLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.0, Seed = 3 });
        Assert.True(ShareInFormat(Answers(model)) >= 0.75);

        await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, DpoOptions()).TrainAsync(Pairs());

        Assert.True(ShareInFormat(Answers(model)) < 0.75, string.Join(" | ", Answers(model)));
    }

    [Fact]
    public async Task AModelThatFailsTheGuardBeforeTrainingIsRefused()
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: TrainingData.Tokenizer.VocabularySize), seed: 5);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, DpoOptions() with { CollapseGuard = Guard }).TrainAsync(Pairs()));
        Assert.Contains("Threshold", error.Message, StringComparison.Ordinal);
    }

    private static TrainerOptions DpoOptions() => new()
    {
        LearningRate = 0.5,
        Schedule = LearningRateScheduleKind.Constant,
        WarmupRatio = 0,
        Epochs = 4,
        BatchSize = 2,
        MaxLength = 64,
        MaxPromptLength = 40,
        MaxGradientNorm = 0,
    };

    private static IReadOnlyList<Preference> Pairs() =>
    [
        .. Questions.Select((q, i) => new Preference
        {
            QuestionId = $"q{i}",
            Prompt = q,
            Chosen = $"answer: {i}",
            Rejected = $"answer: {i + 3}",
        }),
    ];

    // Trained once for the class's tests, then loaded fresh by each.
    private static readonly Lazy<Task<string>> FormattedFolder = new(TrainFormattedModel);

    /// <summary>A fresh copy of a tiny Llama that answers every question in the form "answer: digit".</summary>
    private static async Task<LlamaForCausalLM> FormattedModel() =>
        LlamaForCausalLM.FromPretrained(await FormattedFolder.Value);

    private static async Task<string> TrainFormattedModel()
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: TrainingData.Tokenizer.VocabularySize), seed: 5);
        var examples = Questions.Select((q, i) => (q, $"answer: {i}")).ToList();
        var options = new TrainerOptions
        {
            LearningRate = 0.02,
            Schedule = LearningRateScheduleKind.Constant,
            WarmupRatio = 0,
            Epochs = 40,
            BatchSize = 6,
            MaxLength = 64,
            MaxPromptLength = 40,
        };
        await new SftTrainer(model, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(examples);
        string folder = TrainingData.TemporaryDirectory();
        model.SavePretrained(folder);
        return folder;
    }

    private static List<string> Answers(ICausalLanguageModel model)
    {
        var sampler = new SequenceSampler(model);
        var answers = new List<string>();
        for (int i = 0; i < Questions.Length; i++)
        {
            int[] prompt = ChatPromptEncoder.Encode(TrainingData.Tokenizer, TrainingData.Template, [new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, Questions[i])]);
            var sequence = sampler.Sample(prompt, new SamplingOptions { MaxNewTokens = 12, Temperature = 0, StopTokens = [3, TrainingData.Tokenizer.EndOfSequenceId], Seed = i }, ids => TrainingData.Tokenizer.Decode(ids))[0];
            answers.Add(sequence.Text ?? string.Empty);
        }

        return answers;
    }
}
