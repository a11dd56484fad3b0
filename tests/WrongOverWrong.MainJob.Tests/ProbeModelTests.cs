using Microsoft.Extensions.AI;
using WrongOverWrong.MainJob.Run;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Training.Native;
using Xunit;

namespace WrongOverWrong.MainJob.Tests;

public sealed class ProbeModelTests
{
    [Fact]
    public async Task Probe_model_samples_the_shipped_model_and_reports_acc_with_its_interval()
    {
        TorchSharpNative.EnsureLoaded();
        var output = new StringWriter();

        int code = await MainJobProgram.RunAsync(["probe-model", "--questions", "3", "--samples", "2", "--seed", "5"], output, new StringWriter());

        Assert.Equal(0, code);
        string text = output.ToString();
        Assert.Contains("easy questions (seed 5), temperature 1", text, StringComparison.Ordinal);
        Assert.Contains("(95% bootstrap CI over questions, the paper's rule: the stated total); strict Acc ", text, StringComparison.Ordinal);
        Assert.Contains("(6 answers to 3 questions)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_result_interval_brackets_its_accuracy()
    {
        TorchSharpNative.EnsureLoaded();
        var result = await ProbeModelRunner.RunAsync(RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative), 4, 3, 11, hard: false, threads: 1, TextWriter.Null);

        Assert.Equal(12, result.Answers);
        Assert.NotNull(result.AccuracyInterval);
        Assert.InRange(result.Accuracy, result.AccuracyInterval!.Lower, result.AccuracyInterval.Upper);
        Assert.Equal(result.Accuracy, result.AccuracyInterval.Estimate, 12);
        Assert.InRange(result.StrictAccuracy, 0, result.Accuracy);
    }

    [Fact]
    public void Probe_questions_are_fresh_and_follow_the_size_asked_for()
    {
        var easy = ProbeModelRunner.Questions(30, 42, hard: false);
        var hard = ProbeModelRunner.Questions(10, 42, hard: true);
        var heldOut = ExperimentQuestions.HeldOut(30, 42).Select(q => q.Prompt).ToHashSet();
        var recipeProbe = new ShippedModelRecipe().ProbeQuestions(hard: false, 60).Select(q => q.Prompt).ToHashSet();

        Assert.Equal(30, easy.Count);
        Assert.All(easy, q => Assert.InRange(Tasks.NLGraph.ShortestPathProblem.Parse(q.Id, q.Prompt).NodeCount, 5, 10));
        Assert.All(hard, q => Assert.InRange(Tasks.NLGraph.ShortestPathProblem.Parse(q.Id, q.Prompt).NodeCount, 11, 20));
        Assert.DoesNotContain(easy, q => heldOut.Contains(q.Prompt) || recipeProbe.Contains(q.Prompt));
        Assert.NotEqual(easy.Select(q => q.Prompt), ProbeModelRunner.Questions(30, 43, hard: false).Select(q => q.Prompt));
    }

    [Fact]
    public async Task Probe_model_names_a_folder_without_a_model_and_refuses_zero_questions()
    {
        string missing = Path.Combine(Path.GetTempPath(), "wow-no-model-" + Guid.NewGuid().ToString("N"));
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => ProbeModelRunner.RunAsync(missing, 1, 1, 1, false, 1, TextWriter.Null));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);

        var stderr = new StringWriter();
        int code = await MainJobProgram.RunAsync(["probe-model", "--questions", "0"], new StringWriter(), stderr);
        Assert.NotEqual(0, code);
        Assert.Contains("--questions and --samples must be at least 1", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_accuracy_also_needs_the_stated_path_to_exist_with_that_weight()
    {
        var problem = new ShortestPathProblem(3, [new(0, 1, 1), new(1, 2, 1), new(0, 2, 5)], 0, 2);
        var question = new Question { Id = "q", Task = TaskNames.NLGraphShortestPath, Prompt = problem.ToQuestionText(), GoldAnswer = "The shortest path from node 0 to node 2 is 0,1,2 with a total weight of 2" };
        string[] answers =
        [
            "The shortest path from node 0 to node 2 is 0,1,2 with a total weight of 2.",
            "The shortest path from node 0 to node 2 is 0,2 with a total weight of 2.", // right total, but that edge weighs 5
            "The shortest path from node 0 to node 2 is 0,2 with a total weight of 5.",
            "I do not know.",
        ];
        using var client = new ListClient(answers);

        var result = await ShippedModelProbe.RunAsync(client, [question], answers.Length, seed: 1);

        Assert.Equal(4, result.Answers);
        Assert.Equal(0.5, result.Accuracy, 12);
        Assert.Equal(0.25, result.StrictAccuracy, 12);
        Assert.Equal(0.75, result.Parsable, 12);
        Assert.Equal(1, result.DistinctWrongTotals, 12);
    }

    /// <summary>Answers the i-th call with the i-th text.</summary>
    private sealed class ListClient(string[] texts) : IChatClient
    {
        private int _calls;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, texts[_calls++])));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
