using WrongOverWrong.Core.Tests.Tasks.NLGraph;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Extraction;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.Extraction;

public class ReadTurnsTests
{
    private static readonly Question Q0 = new() { Id = "q0", Task = TaskNames.NLGraphShortestPath, Prompt = ShortestPathOracleTests.Question0Text };

    [Theory]
    [InlineData("The shortest path is 0,3,2 with a total weight of 4.", "The total weight is 4.", "4")]
    [InlineData("I am not sure.", "The total weight is 4.", "4")]
    [InlineData("The shortest path is 0,3,2 with a total weight of 4.", "I cannot say.", "4")]
    [InlineData("The shortest path is 0,3,2 with a total weight of 4.", null, "4")]
    public void One_turn_or_two_agreeing_turns_give_the_answer(string first, string? second, string expected)
    {
        var reading = new ShortestPathOracle().ReadTurns(Q0, first, second);
        Assert.Equal(expected, reading.Answer?.Text);
    }

    [Fact]
    public void Turns_that_disagree_are_unparsable_with_both_readings()
    {
        var reading = new ShortestPathOracle().ReadTurns(Q0, "The shortest path is 0,4,2 with a total weight of 6.", "The total weight is 4.");
        Assert.Null(reading.Answer);
        Assert.Equal("the turns disagree: the response states 6, the final-answer reply 4", reading.Reason);
        Assert.StartsWith("first turn: no final answer stated; second turn:", new ShortestPathOracle().ReadTurns(Q0, "hmm", "no idea").Reason);
    }
}
