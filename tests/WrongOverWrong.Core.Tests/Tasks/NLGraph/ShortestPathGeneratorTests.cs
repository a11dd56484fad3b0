using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

public class ShortestPathGeneratorTests
{
    [Fact]
    public async Task Generated_questions_load_with_the_nlgraph_loader_and_their_gold_agrees()
    {
        var questions = new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(seed: 7)).Generate(30).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"wow-gen-{Guid.NewGuid():N}.json");
        try
        {
            await NLGraphLoader.WriteAsync(path, questions);
            var loaded = await NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, idPrefix: "g");
            Assert.Equal(30, loaded.Count);
            var oracle = new ShortestPathOracle();
            for (var i = 0; i < loaded.Count; i++)
            {
                Assert.Equal($"g-{i}", loaded[i].Id);
                Assert.Equal(questions[i].Prompt, loaded[i].Prompt);
                Assert.Equal("easy", loaded[i].Metadata!["difficulty"]);
                Assert.True(oracle.CheckGold(loaded[i]).Agrees, oracle.CheckGold(loaded[i]).Message);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Generator_respects_its_ranges()
    {
        var options = ShortestPathGeneratorOptions.Hard(seed: 3);
        var questions = new ShortestPathGenerator(options).Generate(25).ToList();
        Assert.Equal(25, questions.Count);
        foreach (var q in questions)
        {
            var problem = ShortestPathProblem.Parse(q.Id, q.Prompt);
            Assert.InRange(problem.NodeCount, 11, 20);
            Assert.NotEmpty(problem.Edges);
            Assert.All(problem.Edges, e => Assert.InRange(e.Weight, 1, 10));
            Assert.All(problem.Edges, e => Assert.True(e.From < e.To));
            Assert.NotEqual(problem.Source, problem.Target);
            var solution = new ShortestPathOracle().Solve(q);
            Assert.True(solution.Path.Count >= 3, "the shortest path must have at least 2 edges");
            Assert.True(solution.LongestPathWeight >= solution.Weight);
        }
    }

    [Fact]
    public void Same_seed_same_questions_other_seed_other_questions()
    {
        var a = new ShortestPathGenerator(new() { Seed = 11 }).Generate(5).Select(q => q.Prompt).ToList();
        var b = new ShortestPathGenerator(new() { Seed = 11 }).Generate(5).Select(q => q.Prompt).ToList();
        var c = new ShortestPathGenerator(new() { Seed = 12 }).Generate(5).Select(q => q.Prompt).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Bad_options_are_rejected_with_their_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShortestPathGenerator(new() { MinNodes = 6, MaxNodes = 5 }));
        Assert.Contains("MinNodes", ex.Message);
    }
}
