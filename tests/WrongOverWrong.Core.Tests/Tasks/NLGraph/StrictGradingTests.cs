using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;
using Xunit.Abstractions;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

public class StrictGradingTests(ITestOutputHelper output)
{
    private static readonly Question Q0 = new() { Id = "q0", Task = TaskNames.NLGraphShortestPath, Prompt = ShortestPathOracleTests.Question0Text };

    private static readonly Question Matching = new() { Id = "m", Task = TaskNames.NLGraphMatching, Prompt = MaxFlowAndMatchingOracleTests.MatchingText };

    private static Candidate Answer(ITaskOracle oracle, Question q, string response) =>
        new() { QuestionId = q.Id, Index = 0, Generator = "t", Response = response, FinalAnswer = oracle.ExtractFinalAnswer(q, response)?.Text };

    [Theory]
    [InlineData("The shortest path from node 0 to node 2 is 0,2 with a total weight of 4", "no edge between node 0 and node 2")]
    [InlineData("The shortest path from node 0 to node 2 is 0,3 with a total weight of 4", "must run from node 0 to node 2")]
    [InlineData("The shortest path from node 0 to node 2 is 0,4,2 with a total weight of 4", "but the stated total is 4")]
    [InlineData("The total weight is 4.", "no path stated")]
    public void Strict_rule_makes_an_invalid_path_wrong_even_with_the_right_total(string response, string reason)
    {
        var paper = new ShortestPathOracle();
        var strict = new ShortestPathOracle(new ShortestPathOracleOptions { Rule = GradingRule.Strict });
        Assert.True(paper.Grade(Q0, Answer(paper, Q0, response)).IsCorrect); // the paper grades the number alone
        var grade = strict.Grade(Q0, Answer(strict, Q0, response));
        Assert.False(grade.IsCorrect);
        Assert.Equal(0, grade.Cor);
        Assert.StartsWith("strict rule: ", grade.Detail);
        Assert.Contains(reason, grade.Detail);
        Assert.Equal(GradingRule.Strict, strict.Rule);
        Assert.Equal(GradingRule.Paper, paper.Rule);
    }

    [Fact]
    public void Under_the_strict_rule_an_invalid_answer_never_outranks_a_valid_one()
    {
        var strict = new ShortestPathOracle(new ShortestPathOracleOptions { Rule = GradingRule.Strict });
        var valid = new[] { "is 0,3,2 with a total weight of 4", "is 0,4,2 with a total weight of 6", "is 0,1,4,2 with a total weight of 9" }
            .Select(r => strict.Grade(Q0, Answer(strict, Q0, "The shortest path from node 0 to node 2 " + r))).ToList();
        var invalid = new[] { "is 0,2 with a total weight of 4", "is 0,2 with a total weight of 5", "is 0,4,2 with a total weight of 100" }
            .Select(r => strict.Grade(Q0, Answer(strict, Q0, "The shortest path from node 0 to node 2 " + r))).ToList();
        Assert.True(valid[0].IsCorrect);
        Assert.All(invalid, g => Assert.False(g.IsCorrect));
        Assert.True(invalid.Max(g => g.TrainingProxy) < valid.Min(g => g.TrainingProxy));
        Assert.True(invalid[0].TrainingProxy > invalid[1].TrainingProxy); // still ordered by distance among invalid answers
    }

    [Theory]
    [InlineData("applicant 0: job 1\napplicant 1: job 0\n2 applicants can find the job they are interested in.", true, null)]
    [InlineData("applicant 0: job 0\napplicant 1: job 0\n2 applicants can find the job they are interested in.", false, "job 0 is given to applicants 0 and 1")]
    [InlineData("applicant 1: job 2\napplicant 0: job 1\n2 applicants can find the job they are interested in.", false, "applicant 1 is not interested in job 2")]
    [InlineData("applicant 0: job 1\n2 applicants can find the job they are interested in.", false, "has 1 pairs but the answer states 2")]
    [InlineData("2 applicants can find the job they are interested in.", false, "no assignment stated")]
    public void Strict_matching_needs_a_valid_assignment_of_the_stated_size(string response, bool correct, string? reason)
    {
        var paper = new MatchingOracle();
        var strict = new MatchingOracle(new MatchingOracleOptions { Rule = GradingRule.Strict });
        Assert.True(paper.Grade(Matching, Answer(paper, Matching, response)).IsCorrect);
        var grade = strict.Grade(Matching, Answer(strict, Matching, response));
        Assert.Equal(correct, grade.IsCorrect);
        if (reason is not null)
        {
            Assert.Contains(reason, grade.Detail);
            Assert.True(grade.TrainingProxy < -2); // below any valid matching's -|x - x*| >= -x* = -2
        }
    }

    [Fact]
    public void The_default_registry_uses_the_paper_rule_and_can_be_made_strict()
    {
        Assert.Equal(GradingRule.Paper, ((IHasGradingRule)TaskRegistry.CreateDefault().Get(TaskNames.NLGraphShortestPath)).Rule);
        var strict = TaskRegistry.CreateDefault(GradingRule.Strict);
        Assert.Equal(GradingRule.Strict, ((IHasGradingRule)strict.Get(TaskNames.NLGraphShortestPath)).Rule);
        Assert.Equal(GradingRule.Strict, ((IHasGradingRule)strict.Get(TaskNames.NLGraphMatching)).Rule);
    }

    [RequiresSharedDataFact("nlgraph/shortest_path.json")]
    public async Task On_the_real_questions_a_path_over_a_missing_edge_with_the_right_total_is_wrong_only_under_the_strict_rule()
    {
        var questions = await NLGraphLoader.LoadAsync(SharedData.Require("nlgraph/shortest_path.json"), TaskNames.NLGraphShortestPath);
        var paper = new ShortestPathOracle();
        var strict = new ShortestPathOracle(new ShortestPathOracleOptions { Rule = GradingRule.Strict });
        int constructed = 0, paperCorrect = 0, strictCorrect = 0;
        foreach (var q in questions)
        {
            var problem = ShortestPathProblem.Parse(q.Id, q.Prompt);
            if (problem.Edges.Any(e => (e.From, e.To) == (problem.Source, problem.Target) || (e.To, e.From) == (problem.Source, problem.Target)))
            {
                continue; // the direct hop exists: this construction needs a missing edge
            }

            constructed++;
            var w = paper.Solve(q).Weight;
            var response = $"The shortest path from node {problem.Source} to node {problem.Target} is {problem.Source},{problem.Target} with a total weight of {w}";
            paperCorrect += paper.Grade(q, Answer(paper, q, response)).IsCorrect ? 1 : 0;
            strictCorrect += strict.Grade(q, Answer(strict, q, response)).IsCorrect ? 1 : 0;
        }

        output.WriteLine($"{constructed} questions without a direct source-target edge: the constructed hop graded correct {paperCorrect} times (paper rule), {strictCorrect} (strict rule)");
        Assert.True(constructed > 300);
        Assert.Equal(constructed, paperCorrect);
        Assert.Equal(0, strictCorrect);
    }
}
