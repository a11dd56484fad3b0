using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Sources;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Pipeline;

/// <summary>
/// A scripted world for pipeline tests: numeric questions with gold 10, a generator whose sample i
/// answers 10 + (i mod 5) (sample 0 right) with log-probs that favour small errors, and a fake
/// policy whose aligned models answer a bit better, except random controls. Every model call is
/// counted by a key (model, prompt, sample), so a resume that repeats one is visible.
/// </summary>
internal sealed partial class PipelineWorld
{
    public FakeNumericTask NumericTask { get; } = new();

    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Trainings { get; } = new(StringComparer.Ordinal);

    public Func<ScriptedCall, string?>? Override { get; set; }

    /// <summary>Arms whose aligned model answers only gibberish (a collapsed arm).</summary>
    public Func<string, bool> Collapses { get; set; } = _ => false;

    public static IReadOnlyList<Question> Questions(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Question { Id = $"{prefix}{i}", Task = "fake-numeric", Prompt = $"Question {prefix}{i}: what is 5 + 5?", GoldAnswer = "10" })];

    public IChatClient Model(string name, int improvement) => new ScriptedChatClient((call, ct) =>
    {
        var sample = call.Options?.AdditionalProperties?[ChatAnswerSourceOptions.SampleIndexKey] is { } s ? Convert.ToInt32(s, CultureInfo.InvariantCulture) : -1;
        Calls.AddOrUpdate($"{name}|{call.LastUserText}|{sample}", 1, (_, n) => n + 1);
        var text = Override?.Invoke(call) ?? (Collapses(name) ? "The shortest pathThe shortest path" : null);
        if (text is null)
        {
            var question = int.Parse(QuestionNumber().Match(call.LastUserText).Groups[1].Value, CultureInfo.InvariantCulture);
            var error = Math.Max(0, ((sample + question) % 5) - improvement);
            text = error == 4 && improvement < 0 ? "I am not sure." : $"The sum is Answer: {10 + error}";
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
        var error2 = text.Contains("Answer: ", StringComparison.Ordinal) ? double.Parse(text[(text.IndexOf("Answer: ", StringComparison.Ordinal) + 8)..], CultureInfo.InvariantCulture) - 10 : 4;
        LogProbabilities.Set(response, [-0.1 - (0.2 * error2), -0.2]);
        return Task.FromResult(response);
    });

    public static ExperimentOptions Options(string folder) => new()
    {
        RunDirectory = folder,
        GeneratorName = "scripted",
        SamplesPerQuestion = 5,
        EvaluationSamplesPerQuestion = 4,
        Extraction = FinalAnswerExtraction.Direct,
        TrainingSources = [TrainingSource.OracleWoW, TrainingSource.RightOverWrong, TrainingSource.Mix, TrainingSource.Elicited("logprob", WrongOverWrong.Metrics.Pairs.Margin.M50)],
        MinTrainingPairs = 2,
        BootstrapResamples = 50,
        MaxConcurrency = 2,
    };

    public ExperimentInputs Inputs(IPolicy? policy = null) => new()
    {
        Task = NumericTask,
        TrainingQuestions = Questions("t", 6),
        HeldOutQuestions = Questions("h", 4),
        Elicitors = [new WrongOverWrong.Elicitation.ConsistencyElicitor(), new WrongOverWrong.Elicitation.LogProbabilityElicitor()],
        Policy = policy ?? new FakePolicy(this),
    };

    [GeneratedRegex(@"Question [a-z]+(\d+)")]
    private static partial Regex QuestionNumber();

    /// <summary>Trains nothing: writes a marker in the arm's folder (a rerun reloads it) and returns a scripted aligned model.</summary>
    internal sealed class FakePolicy(PipelineWorld world) : IPolicy
    {
        public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Kind"] = "fake" };

        public IChatClient BaseClient { get; } = world.Model("base", 0);

        public List<PolicyTrainingRequest> Requests { get; } = [];

        public Task<AlignedPolicy> TrainAsync(PolicyTrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            lock (Requests)
            {
                Requests.Add(request);
            }

            var marker = Path.Combine(request.OutputDirectory, "adapter.txt");
            var reloaded = File.Exists(marker);
            if (!reloaded)
            {
                world.Trainings.AddOrUpdate(request.Arm, 1, (_, n) => n + 1);
                progress?.Report(new TrainingProgress(1, 1, 1, 0.5, 1e-5, 1, new Dictionary<string, double>()));
                File.WriteAllText(marker, request.Optimizer);
            }

            var improvement = request.Arm.Contains("random", StringComparison.Ordinal) ? 0 : request.Optimizer == "sft" ? 1 : 2;
            return Task.FromResult(new AlignedPolicy(world.Model(request.Arm, improvement), new TrainingResult(request.Optimizer, 1, 0.5, request.OutputDirectory, 0, new Dictionary<string, double>()), reloaded));
        }
    }
}
