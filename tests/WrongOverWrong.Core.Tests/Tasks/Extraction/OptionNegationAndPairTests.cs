using WrongOverWrong.Tasks.MultipleChoice;

namespace WrongOverWrong.Core.Tests.Tasks.Extraction;

/// <summary>
/// The option reader's rules after an answer cue, one by one: each negation word passes over the
/// letter it negates, the negation lasts across one filler word, and a second letter joined by
/// "or", "and", "/" or "&amp;" leaves the answer undecided. Stryker (Tasks/Extraction, 2026-11-30,
/// 88.11%) showed these were exercised only together, through the answer corpus.
/// </summary>
public sealed class OptionNegationAndPairTests
{
    private static readonly Question Question = GradedChoiceOracle.CreateQuestion("mc-1", "Pick one.", ["red", "green", "blue", "black"], [0.1, 0.2, 0.3, 1.0], 3);

    private static FinalAnswerReadingView Read(string text)
    {
        var reading = new GradedChoiceOracle().ReadFinalAnswer(Question, text);
        return new FinalAnswerReadingView(reading.Answer?.OptionIndex, reading.Reason);
    }

    [Theory]
    [InlineData("The answer is not B, it is C.")]
    [InlineData("The answer is never B, it is C.")]
    [InlineData("The answer is neither A nor B but C.")]
    [InlineData("The answer isn't B; it is C.")]
    public void A_negated_letter_is_passed_over(string text)
    {
        Assert.Equal(new FinalAnswerReadingView(2, null), Read(text));
    }

    [Fact]
    public void A_negation_lasts_across_one_filler_word()
    {
        Assert.Equal(new FinalAnswerReadingView(2, null), Read("The answer is not really B, but C."));
    }

    [Theory]
    [InlineData("The answer is A or B.")]
    [InlineData("The answer is A and B.")]
    [InlineData("The answer is A / B.")]
    [InlineData("The answer is A & B.")]
    public void Two_joined_letters_leave_the_answer_undecided(string text)
    {
        var reading = Read(text);
        Assert.Null(reading.Option);
        Assert.StartsWith("the answer is undecided", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_joining_word_at_the_end_is_not_a_second_letter()
    {
        Assert.Equal(new FinalAnswerReadingView(1, null), Read("The answer is B or"));
    }

    /// <summary>The picked option (underlying index) and the reason when there is none.</summary>
    private sealed record FinalAnswerReadingView(int? Option, string? Reason);
}
