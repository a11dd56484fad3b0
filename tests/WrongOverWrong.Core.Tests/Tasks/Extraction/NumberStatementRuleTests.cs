using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Extraction;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Tasks.Numeric;

namespace WrongOverWrong.Core.Tests.Tasks.Extraction;

/// <summary>
/// The number reader's rules for which statements a sentence makes and how strong they are, one at
/// a time: a clause that starts the requested final form concludes, a hypothetical answer cue or
/// count is withdrawn, a count too large for a double is no count, the endpoints of a range are not
/// values, a rejected number of many digits does not carry its negation on, and an arithmetic
/// chain's end is where an alternative is looked for. Stryker (Tasks/Extraction, 2026-11-30, 88.11%)
/// showed each was exercised only together with others, through the answer corpus.
/// </summary>
public sealed class NumberStatementRuleTests
{
    private static readonly Question NumericQuestion = new() { Id = "n-1", Task = TaskNames.Numeric, Prompt = "How much?", GoldAnswer = "7" };

    private static double? ShortestPath(string text) => NLGraphAnswerReaders.ShortestPath.Read(text).Answer?.Value;

    [Fact]
    public void A_clause_that_starts_the_final_form_concludes_and_the_last_conclusion_wins()
    {
        // Both sentences start with other words; their clauses after the comma start "the total weight",
        // so each is a conclusion and the later one wins. As mentions they would conflict.
        Assert.Equal(4, ShortestPath("Checking the path 0-1-2, the total weight is 6. Checking the path 0-3-2, the total weight is 4."));
    }

    [Fact]
    public void A_generic_cue_in_a_sentence_that_does_not_conclude_is_not_read()
    {
        // SciBench's "is" counts only in conclusions: the later mention of a mass does not contradict the answer.
        var reading = new NumericOracle().ReadFinalAnswer(NumericQuestion, "The answer is 7. Then, the mass is 5 kg.");
        Assert.Equal(7, reading.Answer?.Value);
    }

    [Fact]
    public void A_hypothetical_answer_cue_is_withdrawn()
    {
        Assert.Equal(6, ShortestPath("If the answer is 5, the path would be shorter. The total weight is 6."));
    }

    [Fact]
    public void A_hypothetical_count_is_withdrawn()
    {
        var reading = NLGraphAnswerReaders.Matching.Read("We see that 2 applicants can find a job. If 3 applicants can find one, all are happy.");
        Assert.Equal(2, reading.Answer?.Value);
    }

    [Fact]
    public void A_count_too_large_for_a_double_is_no_count()
    {
        var reading = NLGraphAnswerReaders.Matching.Read("So " + new string('9', 400) + " applicants can find the job they are interested in.");
        Assert.Null(reading.Answer);
        Assert.Equal(FinalAnswerReading.NothingStated, reading.Reason);
    }

    [Theory]
    [InlineData("The shortest distance between 0 and 2 is 5.")]
    [InlineData("The shortest distance from 0 to 2 is 5.")]
    [InlineData("The total weight from 0 to 2 is 5.")]
    public void The_endpoints_of_a_range_after_the_cue_are_not_the_value(string text)
    {
        Assert.Equal(5, ShortestPath(text));
    }

    [Fact]
    public void A_value_before_a_range_is_read()
    {
        Assert.Equal(5, ShortestPath("The total weight is 5 from node 0 to node 2."));
    }

    [Fact]
    public void A_rejected_number_of_many_digits_does_not_negate_the_next_one()
    {
        Assert.Equal(7, ShortestPath("The total weight is not 12345 but 7."));
    }

    [Fact]
    public void An_alternative_after_an_arithmetic_chain_leaves_the_value_undecided()
    {
        var reading = NLGraphAnswerReaders.ShortestPath.Read("The total weight is 2 + 3 = 5 or 6.");
        Assert.Null(reading.Answer);
        Assert.StartsWith("the answer is undecided", reading.Reason, StringComparison.Ordinal);
        Assert.Equal(5, ShortestPath("The total weight is 2 + 3 = 5, which is the least."));
        Assert.Null(ShortestPath("The total weight is 2 + 3 = 5, which is larger than the other path."));
    }
}
