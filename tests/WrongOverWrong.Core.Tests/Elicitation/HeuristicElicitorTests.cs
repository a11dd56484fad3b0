using WrongOverWrong.Elicitation;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Elicitation;

public class HeuristicElicitorTests
{
    [Fact]
    public async Task Length_prefers_more_tokens_ties_on_equal_and_falls_back_to_characters()
    {
        var q = TestData.NumericQuestion("q");
        var set = new AnswerSet(q, [TestData.Candidate("q", 0, "aaaa", "1", tokens: 10), TestData.Candidate("q", 1, "bb", "2", tokens: 30), TestData.Candidate("q", 2, "c", "3", tokens: 10)]);
        var verdicts = await new LengthElicitor().ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true), TestData.Pair(set, 0, 2, true)]);

        Assert.Equal(PairPrediction.Second, verdicts[0].Predicted);
        Assert.Equal(20, verdicts[0].Gap);
        Assert.Equal(PairPrediction.Tie, verdicts[1].Predicted);
        Assert.False(verdicts[1].IsCorrect);

        var noTokens = new AnswerSet(q, [TestData.Candidate("q", 0, "aaaa", "1", tokens: 10), TestData.Candidate("q", 1, "bb", "2")]);
        var byChars = await new LengthElicitor().ElicitVerdictsAsync(noTokens, [TestData.Pair(noTokens, 0, 1, true)]);
        Assert.Equal(PairPrediction.First, byChars[0].Predicted);
        Assert.Equal((4.0, 2.0), (byChars[0].FirstScore, byChars[0].SecondScore));
    }

    [Fact]
    public async Task Consistency_counts_the_underlying_option_not_the_shown_letter()
    {
        var q = TestData.CapitalQuestion("q");

        // Three samples picked underlying option 0 through three different letters, one picked option 2,
        // one is unparsable. Valid = 4: share(option 0) = 3/4, share(option 2) = 1/4.
        var set = new AnswerSet(q,
        [
            TestData.Candidate("q", 0, "A", "A", option: 0, order: [0, 1, 2, 3]),
            TestData.Candidate("q", 1, "B", "A", option: 0, order: [1, 0, 2, 3]),
            TestData.Candidate("q", 2, "C", "A", option: 0, order: [1, 2, 0, 3]),
            TestData.Candidate("q", 3, "A", "C", option: 2, order: [2, 1, 0, 3]),
            TestData.Candidate("q", 4, "??", null),
        ]);
        var verdicts = await new ConsistencyElicitor().ElicitVerdictsAsync(set, [TestData.Pair(set, 3, 0, false), TestData.Pair(set, 0, 1, true), TestData.Pair(set, 0, 4, true)]);

        Assert.Equal(PairPrediction.Second, verdicts[0].Predicted);
        Assert.Equal(0.25, verdicts[0].FirstScore);
        Assert.Equal(0.75, verdicts[0].SecondScore);
        Assert.Equal(0.5, verdicts[0].Gap);
        Assert.True(verdicts[0].IsCorrect);
        Assert.Equal(PairPrediction.Tie, verdicts[1].Predicted);
        Assert.Equal(PairPrediction.Abstained, verdicts[2].Predicted);
    }

    [Fact]
    public async Task Log_probability_prefers_the_more_probable_response_and_abstains_without_log_probs()
    {
        var q = TestData.NumericQuestion("q");
        var set = new AnswerSet(q, [TestData.Candidate("q", 0, "x", "1", logProb: -0.4), TestData.Candidate("q", 1, "y", "2", logProb: -1.1), TestData.Candidate("q", 2, "z", "3")]);
        var verdicts = await new LogProbabilityElicitor().ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, false), TestData.Pair(set, 1, 2, true)]);

        Assert.Equal(PairPrediction.First, verdicts[0].Predicted);
        Assert.Equal(0.7, verdicts[0].Gap!.Value, 12);
        Assert.False(verdicts[0].IsCorrect);
        Assert.Equal(PairPrediction.Abstained, verdicts[1].Predicted);
    }

    [Fact]
    public async Task A_NaN_score_is_an_error_not_an_abstention()
    {
        var q = TestData.NumericQuestion("q");
        var set = new AnswerSet(q, [TestData.Candidate("q", 0, "x", "1", logProb: -0.4), TestData.Candidate("q", 1, "y", "2", logProb: double.NaN)]);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new LogProbabilityElicitor().ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true)]));

        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
        Assert.Contains("candidate 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'q'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairs_from_another_question_are_rejected()
    {
        var a = new AnswerSet(TestData.NumericQuestion("a"), [TestData.Candidate("a", 0, "x", "1"), TestData.Candidate("a", 1, "y", "2")]);
        var b = new AnswerSet(TestData.NumericQuestion("b"), [TestData.Candidate("b", 0, "x", "1"), TestData.Candidate("b", 1, "y", "2")]);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new LengthElicitor().ElicitVerdictsAsync(a, [TestData.Pair(b, 0, 1, true)]));
        Assert.Contains("'b'", ex.Message);
    }
}
