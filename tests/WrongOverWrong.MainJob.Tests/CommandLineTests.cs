using WrongOverWrong.MainJob.Cli;

namespace WrongOverWrong.MainJob.Tests;

public sealed class CommandLineTests
{
    private static MainJobOptions Bind(Func<string, string?> environment, params string[] args)
    {
        var command = new MainJobCommand(environment);
        var root = command.Build((_, _) => Task.FromResult(0), (_, _) => Task.FromResult(0), (_, _) => Task.FromResult(0));
        return command.Bind(root.Parse(args));
    }

    [Fact]
    public void Defaults_PointIntoTheRepository()
    {
        var options = Bind(_ => null);
        string root = RepositoryPaths.FindRoot()!;
        Assert.Equal(Path.Combine(root, "models", "wow-tiny-sp"), options.ModelFolder);
        Assert.Equal(Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "nlgraph", "shortest_path.json")), options.NLGraphFile);
        Assert.Null(options.Endpoint);
    }

    [Fact]
    public void Options_AreBound()
    {
        var options = Bind(_ => null, "--train", "6", "--held-out", "4", "--elicitors", "consistency,logprob", "--preferences", "oracle", "--seed", "7", "--margin", "M_10", "--no-controls");
        Assert.Equal(6, options.TrainQuestions);
        Assert.Equal(4, options.HeldOutQuestions);
        Assert.Equal(["consistency", "logprob"], options.Elicitors);
        Assert.Equal(["oracle"], options.PreferenceSources);
        Assert.Equal("M10", options.Margin);
        Assert.Equal(7, options.Seed);
        Assert.False(options.Controls);
    }

    [Fact]
    public void OneLearningRateAndEpochCount_TrainOnePoint()
    {
        var options = Bind(_ => null, "--lr", "1e-3", "--epochs", "2");
        Assert.Equal([1e-3], options.LearningRates);
        Assert.Equal([2], options.EpochCounts);
        Assert.False(options.HasGrid);
    }

    [Fact]
    public void SeveralLearningRatesOrEpochs_FormTheModelSelectionGrid()
    {
        var options = Bind(_ => null, "--lr", "5e-4, 1e-3,5e-4", "--epochs", "1", "2");
        Assert.Equal([5e-4, 1e-3], options.LearningRates); // the repeated 5e-4 is one point, not two
        Assert.Equal([1, 2], options.EpochCounts);
        Assert.True(options.HasGrid);
    }

    [Fact]
    public void AGrid_NeedsHeldOutQuestionsForBothValidationAndTest()
    {
        var e = Assert.Throws<ArgumentException>(() => Bind(_ => null, "--lr", "5e-4,1e-3", "--held-out", "1"));
        Assert.Contains("--held-out must be at least 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_ComesFromTheEnvironment()
    {
        var environment = new Dictionary<string, string> { ["WOW_ENDPOINT"] = "http://localhost:11434/v1", ["WOW_MODEL"] = "llama3.1:8b" };
        var options = Bind(environment.GetValueOrDefault);
        Assert.Equal(new Uri("http://localhost:11434/v1"), options.Endpoint!.Url);
        Assert.Equal("llama3.1:8b", options.Endpoint.Model);
        Assert.True(options.Endpoint.Judges);
    }

    [Theory]
    [InlineData("--elicitors", "oracle-magic", "unknown elicitor")]
    [InlineData("--margin", "M_20", "--margin must be")]
    [InlineData("--optimizer", "adam", "--optimizer must be")]
    [InlineData("--endpoint", "localhost", "An endpoint needs both")]
    [InlineData("--lr", "5e-4,fast", "--lr: 'fast' is not a positive number")]
    [InlineData("--lr", "0", "--lr: '0' is not a positive number")]
    [InlineData("--epochs", "0", "--epochs: '0' is not a whole number of at least 1")]
    [InlineData("--epochs", "1.5", "--epochs: '1.5' is not a whole number")]
    public void BadOptions_AreRefusedWithAClearMessage(string option, string value, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Bind(_ => null, option, value));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ExplainsTheEndpointVariables()
    {
        var output = new StringWriter();
        int code = await MainJobProgram.RunAsync(["--help"], output, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("WOW_ENDPOINT", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--held-out", output.ToString(), StringComparison.Ordinal);
    }
}

public sealed class ElicitorChoiceTests
{
    private static MainJobOptions Options(params string[] elicitors) =>
        new() { RunFolder = "unused", ModelFolder = "unused", Elicitors = elicitors };

    [Fact]
    public void Offline_HasTheNamedElicitorsOnly()
    {
        var names = MainJobRunner.CreateElicitors(Options("consistency", "logprob", "length"), judge: null).Select(e => e.Name);
        Assert.Equal(["consistency", "logprob", "length"], names);
    }

    [Fact]
    public void AnEndpointJudge_AddsBothJudgeElicitors()
    {
        using var judge = new Microsoft.Extensions.AI.ChatClientBuilder(new NeverCalledClient()).Build();
        var names = MainJobRunner.CreateElicitors(Options("consistency"), judge).Select(e => e.Name);
        Assert.Equal(["consistency", "pairwise-judge", "score-judge"], names);
    }

    [Fact]
    public void AJudgeElicitorWithoutAnEndpoint_SaysWhatToSet()
    {
        var e = Assert.Throws<InvalidOperationException>(() => MainJobRunner.CreateElicitors(Options("score-judge"), judge: null));
        Assert.Contains("WOW_ENDPOINT", e.Message, StringComparison.Ordinal);
    }

    private sealed class NeverCalledClient : Microsoft.Extensions.AI.IChatClient
    {
        public Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not called");

        public IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not called");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
