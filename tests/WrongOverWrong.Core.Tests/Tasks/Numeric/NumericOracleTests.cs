using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Numeric;

namespace WrongOverWrong.Core.Tests.Tasks.Numeric;

public class NumericOracleTests
{
    private static readonly Question Q = new() { Id = "sci-1", Task = TaskNames.Numeric, Prompt = "Compute it.", GoldAnswer = "100" };
    private readonly NumericOracle _oracle = new();

    private Grade GradeOf(Question q, string response)
    {
        var a = _oracle.ExtractFinalAnswer(q, response);
        return _oracle.Grade(q, new Candidate { QuestionId = q.Id, Index = 0, Generator = "t", Response = response, FinalAnswer = a?.Text });
    }

    [Theory]
    [InlineData("so the answer is 3.2 \\times 10^{4}", 32000)]
    [InlineData("The answer is 1,234.5.", 1234.5)]
    [InlineData("The answer is -0.25", -0.25)]
    [InlineData("Answer: 6.02e23", 6.02e23)]
    [InlineData("The answer is approximately 3.5 J.", 3.5)]
    [InlineData("First the answer is 3, then the answer is $7$.", 7)]
    public void Extracts_the_last_number(string text, double expected)
    {
        Assert.Equal(expected, _oracle.ExtractFinalAnswer(Q, text)!.Value!.Value, 6);
    }

    [Fact]
    public void Five_percent_relative_tolerance()
    {
        var near = GradeOf(Q, "The answer is 104.");
        Assert.Equal((-4.0, true), (near.TrainingProxy, near.IsCorrect));
        Assert.Equal(0.96, near.Cor, 12);

        var edge = GradeOf(Q, "The answer is 105.");
        Assert.False(edge.IsCorrect); // strict: |x - x*| < 0.05|x*|
        Assert.Equal(0.95, edge.Cor, 12);

        var far = GradeOf(Q, "The answer is 300.");
        Assert.Equal((-200.0, 0.0, false), (far.TrainingProxy, far.Cor, far.IsCorrect));
    }

    [Fact]
    public void Zero_gold_uses_an_absolute_tolerance()
    {
        var zero = Q with { GoldAnswer = "0" };
        Assert.True(GradeOf(zero, "The answer is 0.").IsCorrect);
        var off = GradeOf(zero, "The answer is 0.1.");
        Assert.Equal((-0.1, 0.0, false), (off.TrainingProxy, off.Cor, off.IsCorrect));
    }

    [Fact]
    public void Non_numeric_gold_names_the_question()
    {
        var ex = Assert.Throws<FormatException>(() => GradeOf(Q with { GoldAnswer = "many" }, "The answer is 1."));
        Assert.Contains("sci-1", ex.Message);
    }

    [Fact]
    public void No_number_is_unparsable()
    {
        Assert.Same(Grade.Unparsable, GradeOf(Q, "I don't know."));
    }
}
