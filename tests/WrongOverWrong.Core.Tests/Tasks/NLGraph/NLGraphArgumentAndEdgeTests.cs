using System.Text;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Graphs;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

/// <summary>
/// Argument checks, edge cases and error texts of Tasks/NLGraph that Stryker (2026-11-30, 81.31%)
/// found untested: null arguments that would otherwise pass unnoticed or fail later with a
/// NullReferenceException, gold checks of questions without a gold answer, and stated paths and
/// assignments that must be refused. (Its boundary cases of parse errors and graph files are in
/// <see cref="NLGraphParsingEdgeTests"/>, beside their twins.)
/// </summary>
public sealed class NLGraphArgumentAndEdgeTests
{
    private const string PathText =
        "In an undirected graph, the nodes are numbered from 0 to 3, and the edges are:\n" +
        "an edge between node 0 and node 1 with weight 2,\n" +
        "an edge between node 1 and node 2 with weight 2,\n" +
        "an edge between node 0 and node 3 with weight 1,\n" +
        "an edge between node 3 and node 2 with weight 5.\n" +
        "Q: Give the shortest path from node 0 to node 2.\nA:";

    private static readonly Question PathQuestion = new() { Id = "sp-1", Task = TaskNames.NLGraphShortestPath, Prompt = PathText, GoldAnswer = "The shortest path from node 0 to node 2 is 0,1,2 with a total weight of 4" };

    private static readonly Candidate NoNumber = new() { QuestionId = "x", Index = 0, Generator = "t", Response = "I cannot tell.", FinalAnswer = null };

    [Fact]
    public void Oracles_refuse_a_null_question_even_when_the_answer_has_no_number()
    {
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new ShortestPathOracle().Grade(null!, NoNumber)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MaxFlowOracle().Grade(null!, NoNumber)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MatchingOracle().Grade(null!, NoNumber)).ParamName);
    }

    [Fact]
    public void Gold_checks_refuse_a_null_question()
    {
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MaxFlowOracle().CheckGold(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MatchingOracle().CheckGold(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new ShortestPathOracle().CheckGold(null!)).ParamName);
    }

    [Fact]
    public void A_question_without_a_gold_answer_is_reported_not_thrown()
    {
        var flow = new Question { Id = "mf-9", Task = TaskNames.NLGraphMaxFlow, Prompt = MaxFlowAndMatchingOracleTests.FlowText };
        var matching = new Question { Id = "m-9", Task = TaskNames.NLGraphMatching, Prompt = MaxFlowAndMatchingOracleTests.MatchingText };

        var flowCheck = new MaxFlowOracle().CheckGold(flow);
        var matchingCheck = new MatchingOracle().CheckGold(matching);

        Assert.False(flowCheck.Agrees);
        Assert.Equal(23, flowCheck.SolverValue);
        Assert.Null(flowCheck.GoldValue);
        Assert.StartsWith("Question 'mf-9': gold answer '' states no ", flowCheck.Message, StringComparison.Ordinal);
        Assert.False(matchingCheck.Agrees);
        Assert.Equal(2, matchingCheck.SolverValue);
        Assert.Null(matchingCheck.GoldValue);
        Assert.StartsWith("Question 'm-9': gold answer '' states no ", matchingCheck.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stated_path_helpers_refuse_null_arguments()
    {
        var problem = ShortestPathProblem.Parse("sp-1", PathText);
        Assert.Equal("problem", Assert.Throws<ArgumentNullException>(() => ShortestPathOracle.DescribeStatedPath(null!, "is 0,1,2")).ParamName);
        Assert.Equal("response", Assert.Throws<ArgumentNullException>(() => ShortestPathOracle.DescribeStatedPath(problem, null!)).ParamName);
        Assert.Equal("problem", Assert.Throws<ArgumentNullException>(() => StatedPath.Check(null!, "is 0,1,2")).ParamName);
        Assert.Equal("response", Assert.Throws<ArgumentNullException>(() => StatedPath.Check(problem, null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => problem.FormatAnswer(null!, 4)).ParamName);
    }

    [Theory]
    [InlineData("The path is 0,1,2,1,2.", "stated path 0,1,2,1,2 is a valid walk of weight 8 but repeats a node")]
    [InlineData("The path is 0,x,2.", null)]
    [InlineData("The path is 1,2.", "stated path 1,2 is invalid: it must run from node 0 to node 2")]
    [InlineData("The path is 0,2.", "stated path 0,2 is invalid: no edge between node 0 and node 2")]
    public void Invalid_stated_paths_are_never_valid(string response, string? description)
    {
        var path = StatedPath.Check(ShortestPathProblem.Parse("sp-1", PathText), response);

        Assert.False(path.IsValid);
        Assert.False(path.IsValidFor(4));
        Assert.False(path.IsValidFor(8));
        Assert.Equal(description, path.Description);
    }

    [Fact]
    public void A_path_with_more_nodes_than_the_limit_or_a_non_number_is_refused()
    {
        var problem = ShortestPathProblem.Parse("sp-1", PathText);
        var longPath = "is " + string.Join(",", Enumerable.Repeat("0,1", 501)) + ",2";
        var tooLong = StatedPath.Check(problem, longPath);
        var overflow = StatedPath.Check(problem, "is 0,99999999999,2");

        Assert.False(tooLong.IsValid);
        Assert.Equal("stated path is invalid: more than 1000 nodes", tooLong.Description);
        Assert.False(overflow.IsValid);
        Assert.Equal("stated path 0,99999999999,2 is invalid: node '99999999999' is not a node number", overflow.Description);
    }

    [Fact]
    public void A_stated_path_over_parallel_edges_takes_the_lightest()
    {
        // Edges 0-1 twice (weights 2, then 7) and 1-2: the path 0,1,2 weighs 2 + 3, not 7 + 3.
        var problem = new ShortestPathProblem(3, [new WeightedEdge(0, 1, 2), new WeightedEdge(0, 1, 7), new WeightedEdge(1, 2, 3)], 0, 2);
        var reversed = new ShortestPathProblem(3, [new WeightedEdge(1, 0, 7), new WeightedEdge(1, 0, 2), new WeightedEdge(2, 1, 3)], 0, 2);

        Assert.Equal(new StatedPath(true, 5, "stated path 0,1,2 is valid, weight 5"), StatedPath.Check(problem, "is 0,1,2"));
        Assert.Equal(5, StatedPath.Check(reversed, "is 0,1,2").Weight);
    }

    [Fact]
    public void Stated_assignment_refuses_null_arguments_and_names_the_first_bad_pair_in_order()
    {
        var problem = MatchingProblem.Parse("m-1", MaxFlowAndMatchingOracleTests.MatchingText);
        Assert.Equal("problem", Assert.Throws<ArgumentNullException>(() => StatedAssignment.Problem(null!, "applicant 0: job 1", 1)).ParamName);
        Assert.Equal("response", Assert.Throws<ArgumentNullException>(() => StatedAssignment.Problem(problem, null!, 1)).ParamName);

        // Applicant 1 wants only job 0: jobs 1 and 2 are both wrong, and the lower one is named first
        // whatever order the response states them in.
        Assert.Equal("applicant 1 is not interested in job 1", StatedAssignment.Problem(problem, "applicant 1: job 2\napplicant 1: job 1", 2));
        Assert.Equal("applicant 1 is not interested in job 1", StatedAssignment.Problem(problem, "applicant 1: job 1\napplicant 1: job 2", 2));
    }

    [Fact]
    public void Stated_assignment_with_non_ascii_digits_is_refused_in_either_direction()
    {
        var problem = MatchingProblem.Parse("m-1", MaxFlowAndMatchingOracleTests.MatchingText);
        const string Expected = "the stated assignment writes an applicant or job number in digits other than 0-9";

        // Arabic-Indic 1: the regex's \d matches it, int.TryParse with invariant digits does not.
        Assert.Equal(Expected, StatedAssignment.Problem(problem, "applicant \u0661: job 0", 1));
        Assert.Equal(Expected, StatedAssignment.Problem(problem, "job 0 -> applicant \u0661", 1));
        Assert.Null(StatedAssignment.Problem(problem, "applicant 1: job 0", 1));
    }

    [Fact]
    public async Task Graph_file_helpers_check_their_path_before_anything_else()
    {
        // Each call also has a second bad argument, so a missing path check would name that one.
        Assert.Equal("folder", (await Assert.ThrowsAsync<ArgumentException>(() => NLGraphGraphFiles.LoadFolderAsync("", "no-such-task"))).ParamName);
        Assert.Equal("folder", (await Assert.ThrowsAsync<ArgumentNullException>(() => NLGraphGraphFiles.LoadFolderAsync(null!, "no-such-task"))).ParamName);
        Assert.Equal("path", (await Assert.ThrowsAsync<ArgumentException>(() => NLGraphLoader.LoadAsync("", "no-such-task", new NLGraphLoadOptions()))).ParamName);
        Assert.Equal("path", (await Assert.ThrowsAsync<ArgumentNullException>(() => NLGraphLoader.LoadAsync(null!, TaskNames.NLGraphShortestPath, (NLGraphLoadOptions)null!))).ParamName);
        Assert.Equal("path", (await Assert.ThrowsAsync<ArgumentException>(() => NLGraphLoader.WriteAsync("", null!))).ParamName);
        Assert.Equal("path", (await Assert.ThrowsAsync<ArgumentNullException>(() => NLGraphLoader.WriteAsync(null!, null!))).ParamName);
    }

    [Fact]
    public async Task Written_files_are_indented_and_keep_characters_unescaped()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wow-nlgraph-{Guid.NewGuid():N}.json");
        try
        {
            var question = PathQuestion with { Prompt = PathText.Replace("Q:", "Q (it's <small> & \"quoted\"):", StringComparison.Ordinal) };
            await NLGraphLoader.WriteAsync(path, [question]);
            var text = await File.ReadAllTextAsync(path, Encoding.UTF8);

            Assert.Contains("it's <small> & \\\"quoted\\\"", text, StringComparison.Ordinal);
            Assert.StartsWith("{\n  \"0\": {\n    \"question\": ", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            var back = await NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, new NLGraphLoadOptions { IdPrefix = "sp" });
            Assert.Equal(question.Prompt, Assert.Single(back.Questions).Prompt);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
