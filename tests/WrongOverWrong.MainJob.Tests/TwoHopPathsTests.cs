using System.Globalization;
using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;
using Xunit;

namespace WrongOverWrong.MainJob.Tests;

public sealed class TwoHopPathsTests
{
    [Fact]
    public void Paths_follow_the_source_list_with_their_sums_and_the_direct_edge()
    {
        var problem = new ShortestPathProblem(5, [new(0, 1, 4), new(3, 0, 1), new(1, 2, 3), new(4, 2, 2), new(0, 2, 9), new(2, 3, 1), new(1, 4, 1)], 0, 2);

        Assert.Equal("Paths: 0,1,2 is 4+3=7; 0,3,2 is 1+1=2; 0,2 is 9.", TwoHopPaths.Write(problem));
    }

    [Fact]
    public void No_path_of_two_edges_is_none()
    {
        var problem = new ShortestPathProblem(4, [new(0, 1, 2), new(1, 3, 1), new(3, 2, 1)], 0, 2);

        Assert.Equal("Paths: none.", TwoHopPaths.Write(problem));
    }

    [Fact]
    public void The_least_sum_is_the_shortest_total_whenever_the_shortest_path_has_at_most_two_edges()
    {
        var questions = new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(17)).Generate(200).ToList();
        int twoEdgesOrFewer = 0;
        foreach (var question in questions)
        {
            var problem = ShortestPathProblem.Parse(question.Id, question.Prompt);
            string line = TwoHopPaths.Write(problem);
            double[] sums = line == "Paths: none."
                ? []
                : line["Paths: ".Length..^1].Split("; ").Select(p => double.Parse(p[(p.LastIndexOf(p.Contains('=') ? '=' : ' ') + 1)..], CultureInfo.InvariantCulture)).ToArray();
            int goldEdges = question.GoldAnswer!.Split(" is ")[1].Split(' ')[0].Split(',').Length - 1;
            double goldTotal = double.Parse(question.GoldAnswer.TrimEnd('.').Split(' ')[^1], CultureInfo.InvariantCulture);
            if (goldEdges <= 2)
            {
                twoEdgesOrFewer++;
                Assert.Equal(goldTotal, sums.Min());
            }
            else if (sums.Length > 0)
            {
                // A longer gold path may tie with a two-edge one; a two-edge path is never shorter.
                Assert.True(sums.Min() >= goldTotal, $"{question.Id}: {line} but the shortest total is {goldTotal}");
            }
        }

        Assert.InRange(twoEdgesOrFewer, 100, 199);
    }

    [Fact]
    public void Recipe_writes_lists_then_paths_then_the_answer_and_the_oracle_grades_it_correct()
    {
        var oracle = new ShortestPathOracle(new ShortestPathOracleOptions { Rule = GradingRule.Strict });
        var recipe = new ShippedModelRecipe { NeighboursFirst = true, PathCandidates = true };
        var questions = new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(23)).Generate(40).ToList();
        Assert.Equal(40, questions.Count);
        foreach (var question in questions)
        {
            var problem = ShortestPathProblem.Parse(question.Id, question.Prompt);
            string completion = recipe.Completion(question);
            Assert.Equal(NeighbourListExample.Lists(problem) + " " + TwoHopPaths.Write(problem) + " " + question.GoldAnswer, completion);
            var reading = oracle.ReadFinalAnswer(question, completion);
            var grade = oracle.Grade(question, new Candidate { QuestionId = question.Id, Index = 0, Generator = "paths", Response = completion, FinalAnswer = reading.Answer?.Text });
            Assert.True(grade.IsCorrect, $"{question.Id}: {completion} -> {grade.Detail}");
        }
    }

    [Fact]
    public void Paths_without_the_neighbour_lists_are_refused_by_name()
    {
        var question = new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(1)).Generate(1).Single();

        var error = Assert.Throws<InvalidOperationException>(() => new ShippedModelRecipe { PathCandidates = true }.Completion(question));
        Assert.Contains("PathCandidates", error.Message, StringComparison.Ordinal);
        Assert.Contains("NeighboursFirst", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_model_refuses_path_candidates_without_neighbours_first()
    {
        var error = new StringWriter();
        int code = await MainJobProgram.RunAsync(["train-model", "--path-candidates", "true", "--output", Path.Combine(Path.GetTempPath(), "never-written")], new StringWriter(), error);

        Assert.NotEqual(0, code);
        Assert.Contains("--path-candidates needs --neighbours-first true", error.ToString(), StringComparison.Ordinal);
    }
}
