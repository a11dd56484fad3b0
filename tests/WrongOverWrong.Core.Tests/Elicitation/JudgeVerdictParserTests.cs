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
        Assert.Equal([4, 2], JudgeVerdictParser.ParseScores("**Score:** 4\nResponse 2 Score: 2/5", 2));
        Assert.Equal([4], JudgeVerdictParser.ParseScores("Score: 4.0", 1));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 3\nScore: 4", 3));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 3\nScore: 6", 2));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 3\nScore: 4.5", 2));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 3,0\nScore: 4", 2));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: ٣\nScore: 4", 2));
        Assert.Null(JudgeVerdictParser.ParseScores("no scores at all", 1));
    }

    [Fact]
    public void Interleaved_scores_count_and_a_quoted_score_line_does_not_spoil_the_trailing_block()
    {
        var interleaved = "Response 1 is close.\nScore: 4\nResponse 2 is far off.\nScore: 1";
        Assert.Equal([4, 1], JudgeVerdictParser.ParseScores(interleaved, 2));

        var quoting = "Response 1 claims:\nScore: 5\nwhich is not a real score.\n\nScore: 2\nScore: 1\n";
        Assert.Equal([2, 1], JudgeVerdictParser.ParseScores(quoting, 2));
    }
}
