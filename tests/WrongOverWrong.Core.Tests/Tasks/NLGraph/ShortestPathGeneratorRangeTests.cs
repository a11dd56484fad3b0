using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Graphs;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

/// <summary>
/// The generator's option checks at their bounds and the shape of what it generates, read back
/// from the question text: Stryker on Tasks/NLGraph (2026-11-30, 81.31%) found both unguarded.
/// </summary>
public sealed class ShortestPathGeneratorRangeTests
{
    public static TheoryData<string, Action<ShortestPathGeneratorOptions>> Accepted => new()
    {
        { "two nodes", o => { o.MinNodes = 2; o.MaxNodes = 2; o.MinPathEdges = 1; } },
        { "one node count", o => { o.MinNodes = 6; o.MaxNodes = 6; } },
        { "zero weights", o => { o.MinWeight = 0; o.MaxWeight = 0; } },
        { "one weight", o => { o.MinWeight = 3; o.MaxWeight = 3; } },
        { "no extra edges", o => o.ExtraEdgeProbability = 0 },
        { "every extra edge", o => { o.ExtraEdgeProbability = 1; o.MinPathEdges = 1; } },
        { "longest required path", o => { o.MinNodes = 3; o.MaxNodes = 3; o.ExtraEdgeProbability = 0; o.MinPathEdges = 2; } },
    };

    public static TheoryData<string, Action<ShortestPathGeneratorOptions>, string> Refused => new()
    {
        { "one node", o => { o.MinNodes = 1; o.MaxNodes = 5; }, "Node range [1, 5] must have MinNodes >= 2 and MaxNodes >= MinNodes." },
        { "reversed nodes", o => { o.MinNodes = 6; o.MaxNodes = 5; }, "Node range [6, 5] must have MinNodes >= 2 and MaxNodes >= MinNodes." },
        { "negative weight", o => { o.MinWeight = -1; o.MaxWeight = 4; }, "Weight range [-1, 4] must be non-negative and ordered." },
        { "reversed weights", o => { o.MinWeight = 4; o.MaxWeight = 3; }, "Weight range [4, 3] must be non-negative and ordered." },
        { "probability below 0", o => o.ExtraEdgeProbability = -0.01, "ExtraEdgeProbability -0.01 must be in [0, 1]." },
        { "probability above 1", o => o.ExtraEdgeProbability = 1.01, "ExtraEdgeProbability 1.01 must be in [0, 1]." },
        { "no path edges", o => o.MinPathEdges = 0, "MinPathEdges 0 must be in [1, MaxNodes - 1]." },
        { "path as long as the node count", o => o.MinPathEdges = 10, "MinPathEdges 10 must be in [1, MaxNodes - 1]." },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Options_at_their_bounds_are_accepted(string name, Action<ShortestPathGeneratorOptions> change)
    {
        var options = new ShortestPathGeneratorOptions();
        change(options);
        var questions = new ShortestPathGenerator(options).Generate(3).ToList();
        Assert.True(questions.Count == 3, name);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Options_beyond_their_bounds_are_refused_with_the_option_named(string name, Action<ShortestPathGeneratorOptions> change, string message)
    {
        var options = new ShortestPathGeneratorOptions();
        change(options);
        var error = Assert.Throws<ArgumentException>(() => new ShortestPathGenerator(options));
        Assert.Equal("options", error.ParamName);
        Assert.True(error.Message.StartsWith(message, StringComparison.Ordinal), $"{name}: {error.Message}");
    }

    [Fact]
    public void Generated_graphs_cover_the_ranges_and_keep_the_shortest_path_constraint()
    {
        var options = new ShortestPathGeneratorOptions { MinNodes = 3, MaxNodes = 6, MinWeight = 2, MaxWeight = 5, MinPathEdges = 2, Seed = 11 };
        var problems = new ShortestPathGenerator(options).Generate(400)
            .Select(q => (Question: q, Problem: ShortestPathProblem.Parse(q.Id, q.Prompt))).ToList();

        Assert.Equal(400, problems.Count);
        Assert.Equal(new[] { 3, 4, 5, 6 }, problems.Select(p => p.Problem.NodeCount).Distinct().Order());
        Assert.Equal(new long[] { 2, 3, 4, 5 }, problems.SelectMany(p => p.Problem.Edges).Select(e => e.Weight).Distinct().Order());
        var pathEdges = new List<int>();
        foreach (var (question, problem) in problems)
        {
            Assert.NotEqual(problem.Source, problem.Target);
            Assert.All(problem.Edges, e => Assert.True(e.From < e.To && e.To < problem.NodeCount, $"{question.Id}: edge {e}"));
            Assert.Equal(problem.Edges.Count, problem.Edges.Select(e => (e.From, e.To)).Distinct().Count());
            Assert.True(problem.Edges.Count >= problem.NodeCount - 1, $"{question.Id}: {problem.Edges.Count} edges cannot connect {problem.NodeCount} nodes");
            var solution = ShortestPath.Solve(problem.NodeCount, problem.Edges, problem.Source, problem.Target)!.Value;
            pathEdges.Add(solution.Path.Count - 1);
            Assert.Equal(problem.FormatAnswer(solution.Path, solution.Weight), question.GoldAnswer);
        }

        Assert.Equal(2, pathEdges.Min()); // exactly MinPathEdges occurs; none shorter
        Assert.Contains(problems, p => p.Problem.Target < p.Problem.Source);
        Assert.Contains(problems, p => p.Problem.Target > p.Problem.Source);
        Assert.Contains(problems, p => p.Problem.Target == p.Problem.NodeCount - 1);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void The_extra_edge_probability_gives_trees_at_0_and_complete_graphs_at_1(double probability)
    {
        var options = new ShortestPathGeneratorOptions { ExtraEdgeProbability = probability, MinPathEdges = 1, Seed = 3 };
        var problems = new ShortestPathGenerator(options).Generate(50).Select(q => ShortestPathProblem.Parse(q.Id, q.Prompt)).ToList();

        Assert.Equal(50, problems.Count);
        foreach (var p in problems)
        {
            int expected = probability == 0 ? p.NodeCount - 1 : p.NodeCount * (p.NodeCount - 1) / 2;
            Assert.Equal(expected, p.Edges.Count);
        }
    }

    [Fact]
    public void Zero_questions_are_none_and_a_negative_count_is_refused()
    {
        var generator = new ShortestPathGenerator();
        Assert.Empty(generator.Generate(0));
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(-1).ToList()).ParamName);
    }

    [Fact]
    public void Impossible_constraints_end_with_an_error_naming_what_to_lower()
    {
        // A complete graph with equal weights: every shortest path is the direct edge, so no
        // question can have two path edges, and the generator must give up after its attempts.
        var options = new ShortestPathGeneratorOptions { MinNodes = 4, MaxNodes = 4, MinWeight = 1, MaxWeight = 1, ExtraEdgeProbability = 1, MinPathEdges = 2 };
        var error = Assert.Throws<InvalidOperationException>(() => new ShortestPathGenerator(options).Generate(1).ToList());
        Assert.Equal("No graph with a shortest path of at least 2 edges was found in 1000 attempts; lower MinPathEdges or ExtraEdgeProbability.", error.Message);
    }

    [Fact]
    public void Questions_carry_ids_task_and_metadata_from_the_options()
    {
        var easy = new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(7)).Generate(2).ToList();
        var hard = new ShortestPathGenerator(ShortestPathGeneratorOptions.Hard(8)).Generate(1).Single();

        Assert.Equal(["synthetic-sp-0", "synthetic-sp-1"], easy.Select(q => q.Id));
        Assert.All(easy, q => Assert.Equal(TaskNames.NLGraphShortestPath, q.Task));
        Assert.Equal(new Dictionary<string, string> { ["difficulty"] = "easy", ["generator"] = "synthetic", ["seed"] = "7" }, easy[0].Metadata);
        Assert.Equal(new Dictionary<string, string> { ["difficulty"] = "hard", ["generator"] = "synthetic", ["seed"] = "8" }, hard.Metadata);
        Assert.Equal("synthetic-sp-0", hard.Id);
    }
}
