using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;
using Xunit;

namespace WrongOverWrong.MainJob.Tests;

public sealed class DijkstraTraceTests
{
    [Fact]
    public void Trace_settles_nodes_in_distance_order_and_ends_with_the_target_path()
    {
        // 0-1 (4), 0-3 (1), 3-4 (1), 4-1 (1), 1-2 (3): the direct edge 0-1 loses to 0,3,4,1.
        var problem = new ShortestPathProblem(5, [new(0, 1, 4), new(0, 3, 1), new(3, 4, 1), new(4, 1, 1), new(1, 2, 3)], 0, 2);

        string completion = DijkstraTrace.WriteCompletion(problem);

        Assert.Equal(
            "Settle 0 at 0 via 0; 3 at 1 via 0,3; 4 at 2 via 0,3,4; 1 at 3 via 0,3,4,1; 2 at 6 via 0,3,4,1,2. "
            + "The shortest path from node 0 to node 2 is 0,3,4,1,2 with a total weight of 6.",
            completion);
    }

    [Fact]
    public void Ties_settle_the_smaller_node_first_and_the_trace_stops_at_the_target()
    {
        var problem = new ShortestPathProblem(4, [new(0, 2, 1), new(0, 1, 1), new(1, 3, 5), new(2, 3, 5)], 0, 1);

        Assert.Equal("Settle 0 at 0 via 0; 1 at 1 via 0,1. The shortest path from node 0 to node 1 is 0,1 with a total weight of 1.", DijkstraTrace.WriteCompletion(problem));
    }

    [Fact]
    public void Unreachable_target_is_an_error_that_names_both_nodes()
    {
        var problem = new ShortestPathProblem(4, [new(0, 1, 1), new(2, 3, 1)], 0, 3);

        var error = Assert.Throws<ArgumentException>(() => DijkstraTrace.WriteCompletion(problem));
        Assert.Contains("Node 3 cannot be reached from node 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_questions_are_graded_correct_from_the_trace_and_only_the_final_sentence_is_read()
    {
        var oracle = new ShortestPathOracle(new ShortestPathOracleOptions { Rule = GradingRule.Strict });
        var questions = new ShortestPathGenerator(ShortestPathGeneratorOptions.Hard(7)).Generate(40).ToList();
        Assert.Equal(40, questions.Count);
        foreach (var question in questions)
        {
            string completion = new ShippedModelRecipe { Trace = true }.Completion(question);
            var reading = oracle.ReadFinalAnswer(question, completion);
            var grade = oracle.Grade(question, new Candidate { QuestionId = question.Id, Index = 0, Generator = "trace", Response = completion, FinalAnswer = reading.Answer?.Text });
            Assert.True(grade.IsCorrect, $"{question.Id}: {completion} -> {grade.Detail}");
        }
    }
}
