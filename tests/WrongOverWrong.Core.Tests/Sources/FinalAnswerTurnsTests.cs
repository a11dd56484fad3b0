using System.Text.RegularExpressions;
using WrongOverWrong.Sources;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Sources;

/// <summary>
/// The paper's second turn ("The total weight is ...") is read together with the response it
/// concludes: agreeing turns give the answer, disagreeing ones an unparsable candidate, on the
/// per-answer and the batched path alike.
/// </summary>
public class FinalAnswerTurnsTests
{
    private static readonly ShortestPathOracle Task = new();

    private static Question OneQuestion() =>
        new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(5)).Generate(1).Single();

    // First turn states `first` as the total; the final-answer reply states `second`.
    private static ScriptedChatClient Model(int first, int second) => ScriptedChatClient.FromText(call =>
    {
        if (call.Messages.Count > 1)
        {
            return $"The total weight is {second}.";
        }

        var nodes = Regex.Match(call.Messages[0].Text, @"from node (\d+) to node (\d+)");
        return $"The shortest path from node {nodes.Groups[1].Value} to node {nodes.Groups[2].Value} is {nodes.Groups[1].Value},{nodes.Groups[2].Value} with a total weight of {first}.";
    });

    private static async Task<AnswerSet> SampleAsync(Microsoft.Extensions.AI.IChatClient client)
    {
        var source = new ChatAnswerSource(client, new ChatAnswerSourceOptions { SamplesPerQuestion = 3, Extraction = FinalAnswerExtraction.SecondTurn });
        return Assert.Single(await source.GetAnswerSetsAsync(Task, [OneQuestion()]).ToListAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Agreeing_turns_give_the_stated_total(bool batched)
    {
        var model = Model(first: 7, second: 7);
        var set = await SampleAsync(batched ? new BatchingScriptedChatClient(model) : model);

        Assert.Equal(3, set.Candidates.Count);
        Assert.All(set.Candidates, c => Assert.Equal("7", c.FinalAnswer));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Turns_that_state_different_totals_make_the_answer_unparsable(bool batched)
    {
        var model = Model(first: 7, second: 9);
        var set = await SampleAsync(batched ? new BatchingScriptedChatClient(model) : model);

        Assert.Equal(3, set.Candidates.Count);
        Assert.All(set.Candidates, c => Assert.Null(c.FinalAnswer));
    }
}
