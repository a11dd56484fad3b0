using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;
using Xunit;

namespace WrongOverWrong.MainJob.Tests;

public sealed class NeighbourListExampleTests
{
    [Fact]
    public void Example_asks_for_the_neighbours_of_source_and_target_in_edge_order()
    {
        var problem = new ShortestPathProblem(5, [new(0, 1, 4), new(3, 0, 1), new(1, 2, 3), new(4, 2, 2)], 0, 2);
        var question = new Question { Id = "q", Task = TaskNames.NLGraphShortestPath, Prompt = problem.ToQuestionText() };

        var (prompt, completion) = NeighbourListExample.Create(question);

        Assert.Equal("Node 0: 1 with weight 4, 3 with weight 1. Node 2: 1 with weight 3, 4 with weight 2.", completion);
        Assert.StartsWith("In an undirected graph, the nodes are numbered from 0 to 4", prompt, StringComparison.Ordinal);
        Assert.EndsWith("Q: List the neighbours of node 0 and of node 2, each with the weight of its edge.", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("shortest path", prompt, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("an edge between node 4 and node 2 with weight 2.", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_without_edges_has_none()
    {
        var problem = new ShortestPathProblem(3, [new(0, 1, 2)], 0, 2);
        var question = new Question { Id = "q", Task = TaskNames.NLGraphShortestPath, Prompt = problem.ToQuestionText() };

        Assert.Equal("Node 0: 1 with weight 2. Node 2: none.", NeighbourListExample.Create(question).Completion);
    }

    [Fact]
    public void Recipe_shuffles_the_asked_number_of_neighbour_examples_into_the_questions()
    {
        var recipe = new ShippedModelRecipe { TrainQuestions = 40, NeighbourQuestions = 20 };
        var oracle = new ShortestPathOracle();

        var examples = recipe.TrainingExamples(recipe.TrainingQuestions(), q => oracle.BuildPrompt(q));

        Assert.Equal(60, examples.Count);
        int neighbourLists = examples.Count(e => e.Completion.StartsWith("Node ", StringComparison.Ordinal));
        Assert.Equal(20, neighbourLists);
        Assert.Equal(40, examples.Count(e => e.Completion.StartsWith("The shortest path from node ", StringComparison.Ordinal)));
        // Shuffled: the neighbour lists are not all at the end.
        Assert.Contains(examples.Take(40), e => e.Completion.StartsWith("Node ", StringComparison.Ordinal));
        Assert.Equal(examples, recipe.TrainingExamples(recipe.TrainingQuestions(), q => oracle.BuildPrompt(q)));
        var plain = new ShippedModelRecipe { TrainQuestions = 40 };
        Assert.Equal(40, plain.TrainingExamples(plain.TrainingQuestions(), q => oracle.BuildPrompt(q)).Count);
    }

    [Fact]
    public void Answers_with_the_neighbours_first_are_graded_correct_from_their_final_sentence()
    {
        var oracle = new ShortestPathOracle(new ShortestPathOracleOptions { Rule = GradingRule.Strict });
        var recipe = new ShippedModelRecipe { NeighboursFirst = true };
        var questions = new ShortestPathGenerator(ShortestPathGeneratorOptions.Hard(11)).Generate(40).ToList();
        Assert.Equal(40, questions.Count);
        foreach (var question in questions)
        {
            string completion = recipe.Completion(question);
            Assert.StartsWith("Node ", completion, StringComparison.Ordinal);
            Assert.EndsWith(question.GoldAnswer!, completion, StringComparison.Ordinal);
            var reading = oracle.ReadFinalAnswer(question, completion);
            var grade = oracle.Grade(question, new Candidate { QuestionId = question.Id, Index = 0, Generator = "lists", Response = completion, FinalAnswer = reading.Answer?.Text });
            Assert.True(grade.IsCorrect, $"{question.Id}: {completion} -> {grade.Detail}");
        }
    }

    [Fact]
    public void Neighbour_graphs_can_be_small_and_a_size_below_three_is_refused_by_name()
    {
        var small = new ShippedModelRecipe { NeighbourMaxNodes = 4 }.NeighbourGraphs(1, "n", 30);
        Assert.Equal(30, small.Count);
        Assert.All(small, q => Assert.InRange(ShortestPathProblem.Parse(q.Id, q.Prompt).NodeCount, 3, 4));
        Assert.Contains(small, q => ShortestPathProblem.Parse(q.Id, q.Prompt).NodeCount == 3);

        var easy = new ShippedModelRecipe().NeighbourGraphs(1, "n", 30);
        Assert.Equal(30, easy.Count);
        Assert.All(easy, q => Assert.InRange(ShortestPathProblem.Parse(q.Id, q.Prompt).NodeCount, 5, 10));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ShippedModelRecipe { NeighbourMaxNodes = 2 }.NeighbourGraphs(1, "n", 1));
        Assert.Equal("NeighbourMaxNodes", error.ParamName);
    }
}
