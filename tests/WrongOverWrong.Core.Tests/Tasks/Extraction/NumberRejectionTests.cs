using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Extraction;
using WrongOverWrong.Tasks.Numeric;

namespace WrongOverWrong.Core.Tests.Tasks.Extraction;

/// <summary>
/// The number reader's rules for values a sentence states but does not choose, one at a time: a
/// negated value is skipped and the next one read, a hypothetical clause before the value withdraws
/// it, and ", which is larger" marks a rejected alternative. Stryker (Tasks/Extraction, 2026-11-30,
/// 88.11%) showed these were exercised only together, through the answer corpus.
/// </summary>
public sealed class NumberRejectionTests
{
    private static readonly Question Question = new() { Id = "n-1", Task = TaskNames.Numeric, Prompt = "How much?", GoldAnswer = "7" };

    private static FinalAnswerReading Read(string text) => new NumericOracle().ReadFinalAnswer(Question, text);

    [Fact]
    public void A_negated_value_is_skipped_and_the_next_one_read()
    {
        Assert.Equal(7, Read("The answer is not 5 but 7.").Answer?.Value);
    }

    [Fact]
    public void A_hypothetical_clause_before_the_value_withdraws_it()
    {
        Assert.Equal(FinalAnswerReading.NothingStated, Read("The answer is, assuming no loss, 12.").Reason);
    }

    [Fact]
    public void A_value_called_larger_right_after_is_a_rejected_alternative()
    {
        Assert.Equal(FinalAnswerReading.NothingStated, Read("The answer is 12, which is larger than the other one.").Reason);
    }
}
