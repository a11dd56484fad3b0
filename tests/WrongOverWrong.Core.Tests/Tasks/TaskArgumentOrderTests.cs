using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Extraction;
using WrongOverWrong.Tasks.KnowledgeCrosswords;
using WrongOverWrong.Tasks.MultipleChoice;
using WrongOverWrong.Tasks.Numeric;

namespace WrongOverWrong.Core.Tests.Tasks;

/// <summary>
/// Argument checks of the task oracles that Stryker (Tasks' KnowledgeCrosswords, MultipleChoice,
/// Numeric and root files, 2026-11-30, 93.58%) found unguarded: a missing check would surface as a
/// NullReferenceException, as the wrong parameter, or not at all, so each call here has a second
/// bad argument or a path that never touches the first; and SciBench's rule that "is 5" counts only
/// in a concluding sentence.
/// </summary>
public sealed class TaskArgumentOrderTests
{
    private static readonly Candidate NoNumber = new() { QuestionId = "q", Index = 0, Generator = "t", Response = "no idea", FinalAnswer = null };

    [Fact]
    public void Numeric_checks_throw_argument_errors_not_null_references()
    {
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new NumericOracle().Grade(null!, NoNumber)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => NumericOracle.Gold(null!)).ParamName);
        Assert.Equal("candidate", Assert.Throws<ArgumentNullException>(() => AnswerText.TryGetNumber(null!, out _)).ParamName);
    }

    [Fact]
    public void Option_shuffles_check_the_count_before_the_random_source()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => OptionPermutation.Shuffle(-1, null!)).ParamName);
        Assert.Equal("rng", Assert.Throws<ArgumentNullException>(() => OptionPermutation.Shuffle(3, null!)).ParamName);
    }

    [Fact]
    public void The_crosswords_builder_checks_the_random_source_before_the_problem_shape()
    {
        var twoBlanks = new KnowledgeCrosswordsProblem("p2", ["s1"], ["r1"], ["blank 1"], ["blank 1", "blank 2"], [["A", "B"], ["C", "D"]], ["A", "C"]);
        Assert.Equal("rng", Assert.Throws<ArgumentNullException>(() => KnowledgeCrosswordsQuestionBuilder.Build(twoBlanks, "kc-2", null!)).ParamName);
    }

    [Fact]
    public void Multiple_choice_reading_checks_the_question_and_then_the_text()
    {
        var oracle = new GradedChoiceOracle();
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => oracle.ReadFinalAnswer(null!, null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => oracle.ReadFinalAnswer(null!, "The answer is B.")).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new BinaryChoiceOracle().ReadFinalAnswer(null!, "B")).ParamName);
    }

    [Fact]
    public void A_linking_word_outside_a_conclusion_is_not_an_answer()
    {
        var question = new Question { Id = "sci-1", Task = TaskNames.Numeric, Prompt = "What is the kinetic energy?", GoldAnswer = "9" };
        var oracle = new NumericOracle();

        var reasoning = oracle.ReadFinalAnswer(question, "The mass is 2 kg here. We need the speed next.");
        var concluded = oracle.ReadFinalAnswer(question, "The mass is 2 kg here. Therefore the energy is 9 J.");

        Assert.Equal(FinalAnswerReading.NothingStated, reasoning.Reason);
        Assert.Equal(9, concluded.Answer?.Value);
    }
}
