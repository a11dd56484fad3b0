using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;
using Xunit.Abstractions;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

public class NLGraphRealDataTests(ITestOutputHelper output)
{
    [RequiresSharedDataFact("nlgraph/shortest_path.json")]
    public async Task Solver_agrees_with_every_gold_answer_of_the_real_shortest_path_file()
    {
        var path = SharedData.Require("nlgraph/shortest_path.json");

        // The loader checks every gold answer against the solver by default; report mode counts them.
        var loaded = await NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, new NLGraphLoadOptions { GoldCheck = NLGraphGoldCheckMode.Report });
        Assert.Equal((380, 0), (loaded.GoldChecked, loaded.GoldDisagreements.Count));
        var questions = await NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath);
        Assert.Equal(380, questions.Count);
        Assert.Equal(180, questions.Count(q => q.Metadata!["difficulty"] == "easy"));
        Assert.Equal(200, questions.Count(q => q.Metadata!["difficulty"] == "hard"));

        var oracle = new ShortestPathOracle();
        var disagreements = questions.Select(oracle.CheckGold).Where(c => !c.Agrees).Select(c => c.Message).ToList();
        Assert.Empty(disagreements);

        // The normalizer is at least w* everywhere, and the gold answer grades as exact.
        foreach (var q in questions)
        {
            var solution = oracle.Solve(q);
            Assert.True(solution.LongestPathWeight >= solution.Weight);
            var gold = oracle.ExtractFinalAnswer(q, q.GoldAnswer!)!;
            var grade = oracle.Grade(q, new Candidate { QuestionId = q.Id, Index = 0, Generator = "gold", Response = q.GoldAnswer!, FinalAnswer = gold.Text });
            Assert.True(grade.IsCorrect);
            Assert.Equal(1, grade.Cor);
            Assert.StartsWith($"stated path {string.Empty}", grade.Detail);
            Assert.EndsWith($"is valid, weight {solution.Weight}", grade.Detail);
        }

        output.WriteLine($"solver agrees with {questions.Count - disagreements.Count}/{questions.Count} gold answers; " +
            $"mean L - w* = {questions.Average(q => oracle.Solve(q).LongestPathWeight - oracle.Solve(q).Weight):F2}");
    }
}
