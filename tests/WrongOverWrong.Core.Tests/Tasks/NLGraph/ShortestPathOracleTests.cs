using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

public class ShortestPathOracleTests
{
    internal const string Question0Text =
        "In an undirected graph, the nodes are numbered from 0 to 4, and the edges are:\n" +
        "an edge between node 0 and node 4 with weight 4,\n" +
        "an edge between node 0 and node 3 with weight 3,\n" +
        "an edge between node 0 and node 1 with weight 3,\n" +
        "an edge between node 1 and node 4 with weight 4,\n" +
        "an edge between node 2 and node 4 with weight 2,\n" +
        "an edge between node 2 and node 3 with weight 1,\n" +
        "an edge between node 3 and node 4 with weight 1.\n" +
        "Q: Give the shortest path from node 0 to node 2.\nA:";

    private static readonly Question Q0 = new()
    {
        Id = "q0",
        Task = TaskNames.NLGraphShortestPath,
        Prompt = Question0Text,
        GoldAnswer = "The shortest path from node 0 to node 2 is 0,3,2 with a total weight of 4",
    };

    private readonly ShortestPathOracle _oracle = new();

    private Candidate Answer(string response)
    {
        var extracted = _oracle.ExtractFinalAnswer(Q0, response);
        return new Candidate { QuestionId = "q0", Index = 0, Generator = "test", Response = response, FinalAnswer = extracted?.Text };
    }

    [Fact]
    public void Parses_the_nlgraph_text_and_writes_it_back_identically()
    {
        var problem = ShortestPathProblem.Parse("q0", Question0Text);
        Assert.Equal(5, problem.NodeCount);
        Assert.Equal(7, problem.Edges.Count);
        Assert.Equal((0, 2), (problem.Source, problem.Target));
        Assert.Equal(Question0Text, problem.ToQuestionText());
    }

    [Fact]
    public void Unparsable_graph_names_the_question()
    {
        var ex = Assert.Throws<FormatException>(() => _oracle.Solve(Q0 with { Id = "broken-7", Prompt = "Q: Give the shortest path from node 0 to node 2." }));
        Assert.Contains("broken-7", ex.Message);
    }

    [Fact]
    public void Solves_and_computes_the_longest_path_normalizer()
    {
        var solution = _oracle.Solve(Q0);
        Assert.Equal(4, solution.Weight);
        Assert.Equal(9, solution.LongestPathWeight);
        Assert.True(_oracle.CheckGold(Q0).Agrees);
    }

    [Fact]
    public void Gold_disagreement_is_reported()
    {
        var check = _oracle.CheckGold(Q0 with { GoldAnswer = "The shortest path from node 0 to node 2 is 0,4,2 with a total weight of 6" });
        Assert.False(check.Agrees);
        Assert.Equal(6, check.GoldValue);
        Assert.Equal(4, check.SolverValue);
        Assert.Contains("q0", check.Message);
    }

    [Theory]
    [InlineData("The total weight is 7.", 7)]
    [InlineData("So the shortest path from node 0 to node 2 is 0,3,2 with a total weight of 4", 4)]
    [InlineData("First I thought a total weight of 5, but the total weight is **6**.", 6)]
    [InlineData("Total weight: 12", 12)]
    [InlineData("total weight = 2.5", 2.5)]
    [InlineData("The total weight of this path is 11.", 11)]
    public void Extracts_the_last_stated_total_weight(string text, double expected)
    {
        var answer = _oracle.ExtractFinalAnswer(Q0, text);
        Assert.NotNull(answer);
        Assert.Equal(expected, answer.Value);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Text);
    }

    [Fact]
    public void Normalizer_search_limits_name_the_question()
    {
        var nodes = Assert.Throws<ArgumentException>(() => new ShortestPathOracle(new ShortestPathOracleOptions { MaxNodesForLongestPath = 4 }).Solve(Q0));
        Assert.StartsWith("Question 'q0': cannot compute the longest-path normalizer: ", nodes.Message);
        Assert.Contains("5 nodes, more than the bound of 4", nodes.Message);
        Assert.Equal("question", nodes.ParamName);

        var steps = Assert.Throws<InvalidOperationException>(() => new ShortestPathOracle(new ShortestPathOracleOptions { MaxLongestPathSteps = 2 }).Grade(Q0, Answer("The total weight is 4.")));
        Assert.StartsWith("Question 'q0': cannot compute the longest-path normalizer: ", steps.Message);
        Assert.Contains("exceeded 2 expansions", steps.Message);
    }

    [Theory]
    [InlineData("The total weight is 3 + 4 = 7.", 7)]
    [InlineData("Total weight: 2+3+1=6", 6)]
    [InlineData("So the shortest path from node 0 to node 2 is 0,3,2 with a total weight of 3 + 1 = 4", 4)]
    [InlineData("The total weight of this path is 3 + 4 = 5 + 2 = 7, the smallest.", 7)]
    [InlineData("total weight = **3** + **1** = **4**.", 4)]
    [InlineData("The total weight is 3 + 1 = 4.\nChecking other paths: 0,4,2 costs 4 + 2 = 6, so the total weight is 1 + 3 = 4.", 4)]
    [InlineData("First the total weight of 4 + 4 = 8, then the total weight is 3 + 1 = 4.", 4)]
    [InlineData("The total weight is 4. That is 3 + 1.", 4)]
    [InlineData("The total weight is 4 - the path 0,3,2 - which is minimal.", 4)]
    [InlineData("The total weight is 3 + 1 = 4 - 0", 3)] // a chain not ending in "= N" is not a result
    public void Takes_the_result_of_a_stated_sum_not_its_first_term(string text, double expected)
    {
        var answer = _oracle.ExtractFinalAnswer(Q0, text);
        Assert.NotNull(answer);
        Assert.Equal(expected, answer.Value);
    }

    [Fact]
    public void A_stated_sum_grades_by_its_result()
    {
        var grade = _oracle.Grade(Q0, Answer("The shortest path from node 0 to node 2 is 0,3,2 with a total weight of 3 + 1 = 4"));
        Assert.True(grade.IsCorrect);
        Assert.Equal(0, grade.TrainingProxy);
    }

    [Theory]
    [InlineData("The path is 0,3,2.")]
    [InlineData("I cannot tell the weight.")]
    public void Returns_null_without_a_total_weight(string text)
    {
        Assert.Null(_oracle.ExtractFinalAnswer(Q0, text));
    }

    [Fact]
    public void Grades_by_distance_with_the_longest_path_normalizer()
    {
        // w* = 4, L = 9: w = 6 gives proxy -2 and clip(1 - 2/5) = 0.6.
        var grade = _oracle.Grade(Q0, Answer("The total weight is 6."));
        Assert.Equal(-2, grade.TrainingProxy);
        Assert.Equal(0.6, grade.Cor, 12);
        Assert.False(grade.IsCorrect);

        var exact = _oracle.Grade(Q0, Answer("The total weight is 4."));
        Assert.Equal((0.0, 1.0, true), (exact.TrainingProxy, exact.Cor, exact.IsCorrect));

        var far = _oracle.Grade(Q0, Answer("The total weight is 20."));
        Assert.Equal(-16, far.TrainingProxy);
        Assert.Equal(0, far.Cor);

        // Below w* is as wrong as above it: w = 2 gives clip(1 - 2/5) = 0.6 too.
        Assert.Equal(0.6, _oracle.Grade(Q0, Answer("The total weight is 2.")).Cor, 12);
    }

    [Fact]
    public void Single_path_graph_scores_only_the_exact_answer()
    {
        var q = new Question
        {
            Id = "line",
            Task = TaskNames.NLGraphShortestPath,
            Prompt = new ShortestPathProblem(3, [new(0, 1, 2), new(1, 2, 3)], 0, 2).ToQuestionText(),
        };
        Assert.Equal(5, _oracle.Solve(q).LongestPathWeight);
        Assert.Equal(1, _oracle.Grade(q, Candidate(q, "5")).Cor);
        Assert.Equal(0, _oracle.Grade(q, Candidate(q, "6")).Cor);
        Assert.Equal(-1, _oracle.Grade(q, Candidate(q, "6")).TrainingProxy);
    }

    [Fact]
    public void Unparsable_candidate_gets_the_unparsable_grade()
    {
        Assert.Same(Grade.Unparsable, _oracle.Grade(Q0, Answer("no idea")));
    }

    [Theory]
    [InlineData("The shortest path from node 0 to node 2 is 0,3,2 with a total weight of 4", "stated path 0,3,2 is valid, weight 4")]
    [InlineData("The path is 0 -> 4 -> 2, total weight 6", "stated path 0,4,2 is valid, weight 6")]
    [InlineData("The shortest path is 0,2 with a total weight of 1", "stated path 0,2 is invalid: no edge between node 0 and node 2")]
    [InlineData("The shortest path is 1,3,2 with a total weight of 2", "stated path 1,3,2 is invalid: it must run from node 0 to node 2")]
    [InlineData("The path is 0,99999999999,2 with a total weight of 2", "stated path 0,99999999999,2 is invalid: node '99999999999' is not a node number")]
    [InlineData("The path is 0,3,4,3,2, total weight 6", "stated path 0,3,4,3,2 is a valid walk of weight 6 but repeats a node")]
    public void Checks_a_stated_path_as_detail(string response, string expected)
    {
        var grade = _oracle.Grade(Q0, Answer(response));
        Assert.Equal(expected, grade.Detail);
    }

    [Fact]
    public void Prompt_keeps_the_question_and_asks_for_the_final_form()
    {
        var prompt = _oracle.BuildPrompt(Q0);
        Assert.StartsWith("In an undirected graph", prompt);
        Assert.DoesNotContain("\nA:", prompt);
        Assert.Contains("from node 0 to node 2 is", prompt);
        Assert.Contains("The total weight is <number>.", _oracle.FinalAnswerInstruction);
    }

    private static Candidate Candidate(Question q, string finalAnswer) =>
        new() { QuestionId = q.Id, Index = 0, Generator = "test", Response = finalAnswer, FinalAnswer = finalAnswer };
}
