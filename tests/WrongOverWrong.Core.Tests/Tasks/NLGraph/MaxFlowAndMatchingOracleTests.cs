using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

public class MaxFlowAndMatchingOracleTests
{
    // NLGraph's max-flow wording; the network is CLRS figure 26.1 (maximum flow 23).
    internal const string FlowText =
        "In a directed graph, the nodes are numbered from 0 to 5, and the edges are:\n" +
        "an edge from node 0 to node 1 with capacity 16,\nan edge from node 0 to node 2 with capacity 13,\n" +
        "an edge from node 1 to node 2 with capacity 10,\nan edge from node 2 to node 1 with capacity 4,\n" +
        "an edge from node 1 to node 3 with capacity 12,\nan edge from node 3 to node 2 with capacity 9,\n" +
        "an edge from node 2 to node 4 with capacity 14,\nan edge from node 4 to node 3 with capacity 7,\n" +
        "an edge from node 3 to node 5 with capacity 20,\nan edge from node 4 to node 5 with capacity 4.\n" +
        "Q: What is the maximum flow from node 0 to node 5?\nA:";

    internal const string MatchingText =
        "There are 3 job applicants numbered from 0 to 2, and 3 jobs numbered from 0 to 2. Each applicant is interested in some of the jobs. " +
        "Each job can only accept one applicant and a job applicant can be appointed for only one job.\n" +
        "Applicant 0 is interested in job 0, job 1.\nApplicant 1 is interested in job 0.\nApplicant 2 is interested in job 0.\n" +
        "Q: Find an assignment of jobs to applicants in such that the maximum number of applicants find the job they are interested in.\nA:";

    private static readonly Question Flow = new()
    {
        Id = "flow-1",
        Task = TaskNames.NLGraphMaxFlow,
        Prompt = FlowText,
        GoldAnswer = "The maximum flow from node 0 to node 5 is 23.",
    };

    private static readonly Question Matching = new()
    {
        Id = "match-1",
        Task = TaskNames.NLGraphMatching,
        Prompt = MatchingText,
        GoldAnswer = "applicant 0: job 1\napplicant 1: job 0\n2 applicants can find the job they are interested in.",
    };

    [Fact]
    public void Max_flow_text_round_trips_through_the_parser()
    {
        var problem = MaxFlowProblem.Parse("flow-1", FlowText);
        Assert.Equal(6, problem.NodeCount);
        Assert.Equal(10, problem.Edges.Count);
        Assert.Equal(FlowText, problem.ToQuestionText());
    }

    [Fact]
    public void Max_flow_oracle_solves_checks_gold_and_grades_with_normalizer_2x()
    {
        var oracle = new MaxFlowOracle();
        Assert.Equal(23, oracle.Solve(Flow));
        Assert.True(oracle.CheckGold(Flow).Agrees);

        var answer = oracle.ExtractFinalAnswer(Flow, "Pushing along 0-1-3-5 ... so the maximum flow from node 0 to node 5 is 20.");
        Assert.Equal("20", answer!.Text);
        var grade = oracle.Grade(Flow, new Candidate { QuestionId = "flow-1", Index = 0, Generator = "t", Response = "", FinalAnswer = answer.Text });
        Assert.Equal(-3, grade.TrainingProxy);
        Assert.Equal(1 - (3.0 / 46), grade.Cor, 12);
        Assert.False(grade.IsCorrect);

        Assert.Equal(7, oracle.ExtractFinalAnswer(Flow, "The maximum flow is 7.")!.Value);
        Assert.Null(oracle.ExtractFinalAnswer(Flow, "The flow is large."));
    }

    [Theory]
    [InlineData("The maximum flow is 3 + 4 = 7.", 7)]
    [InlineData("So the maximum flow from node 0 to node 5 is 10+10+3=23", 23)]
    [InlineData("maximum flow: 20 + 3 = **23**", 23)]
    [InlineData("The maximum flow is 10 + 10 = 20. Adding the path 0-2-4-5, the maximum flow is 20 + 3 = 23.", 23)]
    [InlineData("The maximum flow is 23 (10 + 10 + 3).", 23)]
    public void Max_flow_takes_the_result_of_a_stated_sum(string text, double expected)
    {
        Assert.Equal(expected, new MaxFlowOracle().ExtractFinalAnswer(Flow, text)!.Value);
    }

    [Theory]
    [InlineData("1 + 1 = 2 applicants can find the job they are interested in.", 2)]
    [InlineData("So 2 applicants can find the job they are interested in.", 2)]
    [InlineData("First 3 applicants can find jobs; no, 2 applicants can find the job they are interested in.", 2)]
    public void Matching_count_is_the_number_right_before_applicants(string text, double expected)
    {
        // The matching phrasing puts the count before its words, so a sum ends in the count already.
        Assert.Equal(expected, new MatchingOracle().ExtractFinalAnswer(Matching, text)!.Value);
    }

    [Fact]
    public void Max_flow_wrong_gold_is_reported()
    {
        var check = new MaxFlowOracle().CheckGold(Flow with { GoldAnswer = "The maximum flow from node 0 to node 5 is 19." });
        Assert.False(check.Agrees);
        Assert.Equal(19, check.GoldValue);
    }

    [Fact]
    public void Matching_oracle_parses_solves_and_grades()
    {
        var problem = MatchingProblem.Parse("match-1", MatchingText);
        Assert.Equal((3, 3, 4), (problem.ApplicantCount, problem.JobCount, problem.Interests.Count));
        Assert.Equal(MatchingText, problem.ToQuestionText());

        var oracle = new MatchingOracle();
        Assert.Equal(2, oracle.Solve(Matching));
        Assert.True(oracle.CheckGold(Matching).Agrees);

        var answer = oracle.ExtractFinalAnswer(Matching, "applicant 0: job 0\n3 applicants can find the job they are interested in.");
        Assert.Equal(3, answer!.Value);
        var grade = oracle.Grade(Matching, new Candidate { QuestionId = "match-1", Index = 0, Generator = "t", Response = "", FinalAnswer = answer.Text });
        Assert.Equal(-1, grade.TrainingProxy);
        Assert.Equal(0.75, grade.Cor, 12); // 1 - 1/(2*2)
        Assert.False(grade.IsCorrect);
    }

    [Fact]
    public void Matching_parses_the_one_interest_per_line_form_of_the_benchmark()
    {
        const string text =
            "There are 3 job applicants numbered from 0 to 2, and 2 jobs numbered from 0 to 1. Each applicant is interested in some of the jobs. " +
            "Each job can only accept one applicant and a job applicant can be appointed for only one job.\n" +
            "Applicant 0 is interested in job 1.\nApplicant 0 is interested in job 0.\nApplicant 1 is interested in job 0.\nApplicant 2 is interested in job 0.\n" +
            "Q: Find an assignment of jobs to applicants in such that the maximum number of applicants find the job they are interested in.\nA:";
        var problem = MatchingProblem.Parse("m", text);
        Assert.Equal([(0, 1), (0, 0), (1, 0), (2, 0)], problem.Interests);
        Assert.Equal(2, new MatchingOracle().Solve(Matching with { Prompt = text }));
    }

    [Fact]
    public void Matching_without_interests_names_the_question()
    {
        var ex = Assert.Throws<FormatException>(() => new MatchingOracle().Solve(Matching with { Id = "m-9", Prompt = "There are 2 job applicants and 2 jobs." }));
        Assert.Contains("m-9", ex.Message);
    }
}
