using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WrongOverWrong.DependencyInjection;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Sources;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.DependencyInjection;

public class AddWrongOverWrongTests
{
    [Fact]
    public async Task Registers_sources_elicitors_harness_and_tasks_over_keyed_clients_with_options()
    {
        var generator = ScriptedChatClient.FromText(_ => "Answer: 7");
        var judge = ScriptedChatClient.FromText(_ => "Preferred output: 1");
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IChatClient>(WrongOverWrongServiceKeys.Generator, generator);
        services.AddKeyedSingleton<IChatClient>(WrongOverWrongServiceKeys.Judge, judge);
        services.AddWrongOverWrong(o =>
        {
            o.Sampling.SamplesPerQuestion = 3;
            o.Sampling.Extraction = FinalAnswerExtraction.Direct;
            o.Sampling.GeneratorName = "tiny";
            o.PairwiseJudge.ConsistencyCheck = false;
            o.ScoreJudge.BatchSize = 2;
            o.Harness.Margins = [Margin.M100];
        }).AddTask<FakeNumericTask>();
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<WrongOverWrong.Tasks.TaskRegistry>();
        Assert.Equal(8, registry.Names.Count); // seven built-in tasks and ours
        Assert.Equal(
            WrongOverWrong.Tasks.TaskRegistry.CreateDefault().Names.Order(StringComparer.Ordinal),
            registry.Names.Where(n => n != new FakeNumericTask().Name).Order(StringComparer.Ordinal)); // one list of built-ins
        Assert.Contains(WrongOverWrong.Tasks.TaskNames.NLGraphShortestPath, registry.Names);
        var task = registry.Get("fake-numeric");
        var source = provider.GetRequiredService<IWrongAnswerSource>();
        var sets = new List<AnswerSet>();
        await foreach (var set in source.GetAnswerSetsAsync(task, [TestData.NumericQuestion("q")]))
        {
            sets.Add(set);
        }

        Assert.Equal(3, generator.CallCount);
        Assert.Equal(["tiny", "tiny", "tiny"], Assert.Single(sets).Candidates.Select(c => c.Generator));

        var elicitors = provider.GetServices<IPreferenceElicitor>().ToList();
        Assert.Equal(["consistency", "length", "logprob", "pairwise-judge-unchecked", "score-judge-k2"], elicitors.Select(e => e.Name).Order());
        Assert.Same(provider.GetRequiredService<PairwiseJudgeElicitor>(), elicitors.OfType<PairwiseJudgeElicitor>().Single());

        var set0 = WrongOverWrong.Tasks.AnswerSetGrader.GradeAll(task, sets[0]);
        var pair = new CandidatePair(set0, set0.Candidates[0], set0.Candidates[1], PairKind.WrongOverWrong, PairWinner.First);
        var run = await provider.GetRequiredService<ElicitationHarness>().RunAsync("tiny", [pair], [provider.GetRequiredService<PairwiseJudgeElicitor>()]);
        Assert.Equal(1, judge.CallCount);
        Assert.Equal(3, generator.CallCount);
        Assert.Single(run.Reports);
    }

    [Fact]
    public void Falls_back_to_the_unkeyed_client_and_explains_a_missing_one()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(ScriptedChatClient.FromText(_ => "x"));
        services.AddWrongOverWrong();
        using (var provider = services.BuildServiceProvider())
        {
            Assert.NotNull(provider.GetRequiredService<ScoreJudgeElicitor>());
        }

        var empty = new ServiceCollection();
        empty.AddWrongOverWrong();
        using var none = empty.BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => none.GetRequiredService<ChatAnswerSource>());
        Assert.Contains("'generator'", ex.Message);
    }
}
