using WrongOverWrong.Elicitation;

namespace WrongOverWrong.Tests.Elicitation;

public class JudgeVerdictParserTests
{
    [Theory]
    [InlineData("Reasoning...\nPreferred output: 1", 1)]
    [InlineData("Reasoning...\nPreferred output: 2\n", 2)]
    [InlineData("**Preferred output: 2**", 2)]
    [InlineData("Preferred Output: **1**.", 1)]
    [InlineData("preferred output: (2)", 2)]
    [InlineData("Preferred output: Response 1", 1)]
    [InlineData("Preferred output: 1\nOn reflection...\nPreferred output: 2", 2)]
    [InlineData("I prefer output 2 overall.", null)]
    [InlineData("Preferred output: 3", null)]
    [InlineData("Preferred output: 1 or 2, hard to say", null)]
    [InlineData("Preferred output: ١", null)]
    [InlineData("", null)]
    public void Pairwise_reads_only_the_last_whole_verdict_line(string reply, int? expected)
    {
        Assert.Equal(expected, JudgeVerdictParser.ParsePairwise(reply));
    }

    [Fact]
    public void Scores_need_exactly_k_integer_lines_in_0_to_5()
    {
        Assert.Equal([3, 0, 5], JudgeVerdictParser.ParseScores("Thinking.\nScore: 3\nScore: 0\nScore: 5", 3));
        Assert.Equal([4, 2], JudgeVerdictParser.ParseScores("**Score:** 4\nScore: 2/5", 2));
        Assert.Equal([4], JudgeVerdictParser.ParseScores("Score: 4.0", 1));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 3\nScore: 4", 3));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 3\nScore: 6", 2));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 3\nScore: 4.5", 2));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 3,0\nScore: 4", 2));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: ٣\nScore: 4", 2));
        Assert.Null(JudgeVerdictParser.ParseScores("no scores at all", 1));
    }

    [Fact]
    public void Interleaved_scores_count_in_order()
    {
        var interleaved = "Response 1 is close.\nScore: 4\nResponse 2 is far off.\nScore: 1";
        Assert.Equal([4, 1], JudgeVerdictParser.ParseScores(interleaved, 2));
    }

    [Fact]
    public void A_score_count_other_than_k_is_a_null_batch_even_when_the_last_k_lines_look_like_a_verdict()
    {
        // The paper: if the number of parsed scores differs from k, the whole batch is null.
        var quoting = "Response 1 claims:\nScore: 5\nwhich is not a real score.\n\nScore: 2\nScore: 1\n";
        Assert.Null(JudgeVerdictParser.ParseScores(quoting, 2));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 1\nScore: 2\nScore: 3", 2));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 1", 2));
    }

    [Theory]
    [InlineData("Response 2: Score: 1\nResponse 1: Score: 4", 4, 1)]
    [InlineData("Response 1: Score: 4\nResponse 2: Score: 1", 4, 1)]
    [InlineData("**Response 2**: Score: 0\nOutput #1 - Score = 5/5", 5, 0)]
    public void Labelled_score_lines_are_assigned_by_their_label(string reply, int first, int second)
    {
        Assert.Equal([first, second], JudgeVerdictParser.ParseScores(reply, 2));
    }

    [Theory]
    [InlineData("Response 1: Score: 4\nResponse 1: Score: 1")] // repeated label, response 2 missing
    [InlineData("Response 1: Score: 4\nResponse 3: Score: 1")] // label out of 1..k
    [InlineData("Response 0: Score: 4\nResponse 1: Score: 1")] // label out of 1..k
    [InlineData("Response 2: Score: 4\nScore: 1")] // one line unlabelled: whose score is it?
    [InlineData("Response 1: Score: 4\nResponse 2: Score: 7")] // out-of-range score
    public void Inconsistent_labels_or_an_out_of_range_score_make_a_null_batch(string reply)
    {
        Assert.Null(JudgeVerdictParser.ParseScores(reply, 2));
    }
}
