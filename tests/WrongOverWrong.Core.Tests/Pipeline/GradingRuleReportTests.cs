using System.Text.RegularExpressions;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Pipeline.Reports;
using WrongOverWrong.Sources;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Pipeline;

/// <summary>The report says which grading rule its grades used, and a run folder keeps to one rule.</summary>
public sealed class GradingRuleReportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wow-rule-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    // States a one-hop path (usually over a missing edge) with a total that varies with the seed.
    private static ScriptedChatClient Model() => ScriptedChatClient.FromText(call =>
    {
        var nodes = Regex.Match(call.Messages[0].Text, @"from node (\d+) to node (\d+)");
        return $"The shortest path from node {nodes.Groups[1].Value} to node {nodes.Groups[2].Value} is {nodes.Groups[1].Value},{nodes.Groups[2].Value} with a total weight of {2 + (call.Options!.Seed!.Value % 5)}.";
    });

    private ExperimentInputs Inputs(GradingRule rule) => new()
    {
        Task = TaskRegistry.CreateDefault(rule).Get(TaskNames.NLGraphShortestPath),
        TrainingQuestions = new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(3)).Generate(4).ToList(),
        HeldOutQuestions = [],
        Elicitors = [new ConsistencyElicitor()],
        Generator = Model(),
    };

    private ExperimentOptions Options() => new()
    {
        RunDirectory = _folder,
        SamplesPerQuestion = 4,
        Extraction = FinalAnswerExtraction.Direct,
        TrainingSources = [],
        BootstrapResamples = 20,
    };

    [Fact]
    public async Task The_report_names_the_rule_and_a_rerun_under_the_other_rule_is_refused()
    {
        var report = await new ExperimentPipeline(Options()).RunAsync(Inputs(GradingRule.Strict));

        Assert.Equal(GradingRule.Strict, report.GradingRule);
        Assert.Contains("Grading rule: Strict", await File.ReadAllTextAsync(Path.Combine(_folder, "report.md")), StringComparison.Ordinal);
        Assert.Equal(GradingRule.Strict, ExperimentReport.FromJson(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json"))).GradingRule);

        var refused = await Assert.ThrowsAsync<RunSettingsMismatchException>(() => new ExperimentPipeline(Options()).RunAsync(Inputs(GradingRule.Paper)));
        Assert.Contains("GradingRule", refused.Message, StringComparison.Ordinal);
    }
}
