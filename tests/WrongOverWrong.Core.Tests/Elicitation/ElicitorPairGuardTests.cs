using WrongOverWrong.Elicitation;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Elicitation;

/// <summary>
/// Every elicitor refuses a pair whose candidates belong to another question than the answer set
/// it is given (a mix-up that would otherwise score answers against the wrong question's samples,
/// silently), and does so before any model call.
/// </summary>
public class ElicitorPairGuardTests
{
    private static readonly AnswerSet Set = new(TestData.NumericQuestion("q"),
    [
        TestData.Candidate("q", 0, "41", "41", tokens: 2, logProb: -0.5),
        TestData.Candidate("q", 1, "10", "10", tokens: 2, logProb: -1.5),
    ]);

    private static readonly Candidate Stranger = TestData.Candidate("other", 0, "41", "41", tokens: 2, logProb: -0.5);

    public static TheoryData<string> Elicitors => new() { "consistency", "logprob", "length", "pairwise-judge", "score-judge" };

    private static (IPreferenceElicitor Elicitor, ScriptedChatClient Judge) Create(string name)
    {
        var judge = ScriptedChatClient.FromText(_ => "Preferred output: 1\nScore: 3\nScore: 2");
        IPreferenceElicitor elicitor = name switch
        {
            "consistency" => new ConsistencyElicitor(),
            "logprob" => new LogProbabilityElicitor(),
            "length" => new LengthElicitor(),
            "pairwise-judge" => new PairwiseJudgeElicitor(judge),
            _ => new ScoreJudgeElicitor(judge),
        };
        return (elicitor, judge);
    }

    [Theory]
    [MemberData(nameof(Elicitors))]
    public async Task A_pair_from_another_question_is_refused_before_any_call(string name)
    {
        var (elicitor, judge) = Create(name);

        // The stranger in either position, after a valid pair, so the whole list is checked.
        foreach (var bad in new[] { new UngradedPair(Stranger, Set.Candidates[1]), new UngradedPair(Set.Candidates[0], Stranger) })
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => elicitor.ElicitAsync(Set, [new UngradedPair(Set.Candidates[0], Set.Candidates[1]), bad]));
            Assert.Equal("pairs", error.ParamName);
            Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, judge.CallCount);
    }

    [Theory]
    [MemberData(nameof(Elicitors))]
    public async Task Null_arguments_are_refused(string name)
    {
        var (elicitor, _) = Create(name);
        await Assert.ThrowsAsync<ArgumentNullException>(() => elicitor.ElicitAsync(null!, []));
        await Assert.ThrowsAsync<ArgumentNullException>(() => elicitor.ElicitAsync(Set, null!));
    }

    [Theory]
    [MemberData(nameof(Elicitors))]
    public async Task Pairs_of_the_set_itself_are_accepted(string name)
    {
        var (elicitor, _) = Create(name);
        var result = await elicitor.ElicitAsync(Set, [new UngradedPair(Set.Candidates[0], Set.Candidates[1])]);
        Assert.Single(result.Orders);
    }
}
