using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Elicitation;

public class JudgeRobustnessTests
{
    private static AnswerSet Set(int n) => new(
        TestData.NumericQuestion("q"),
        Enumerable.Range(0, n).Select(i => TestData.Candidate("q", i, "response " + i, "1")).ToList());

    private static List<CandidatePair> AllPairs(AnswerSet set) =>
        (from i in Enumerable.Range(0, set.Candidates.Count)
         from j in Enumerable.Range(i + 1, set.Candidates.Count - i - 1)
         select TestData.Pair(set, i, j, true)).ToList();

    [Fact]
    public async Task Judge_calls_respect_the_concurrency_limit()
    {
        var judge = ScriptedChatClient.FromText(_ => "Preferred output: 1", delay: TimeSpan.FromMilliseconds(10));
        var elicitor = new PairwiseJudgeElicitor(judge, new PairwiseJudgeOptions { MaxConcurrency = 2 });
        var set = Set(5);

        await elicitor.ElicitVerdictsAsync(set, AllPairs(set));

        Assert.Equal(20, judge.CallCount); // 10 pairs x 2 orders
        Assert.Equal(2, judge.MaxInFlight);
    }

    [Fact]
    public async Task Transient_judge_failures_are_retried_and_do_not_become_abstentions()
    {
        var judge = new ScriptedChatClient((call, _) => call.Number == 1
            ? Task.FromException<ChatResponse>(new HttpRequestException("slow down", null, System.Net.HttpStatusCode.TooManyRequests))
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Score: 2\nScore: 4"))));
        var options = new ScoreJudgeOptions { BatchSize = 2 };
        using var resilient = judge.AsBuilder().UseResilience(new RetryOptions { TimeProvider = new InstantTimeProvider() }).Build();
        var elicitor = new ScoreJudgeElicitor(resilient, options);
        var set = Set(2);

        var judged = await elicitor.ElicitVerdictsAsync(set, AllPairs(set));
        var verdict = Assert.Single(judged);

        Assert.Equal(PairPrediction.Second, verdict.Predicted);
        Assert.Equal(2, judge.CallCount);
        Assert.Equal(1, judged.Cost.Calls); // the retry happened inside the client's pipeline
    }

    [Fact]
    public async Task Cancellation_stops_a_judge_run()
    {
        using var cts = new CancellationTokenSource();
        var judge = new ScriptedChatClient(async (call, ct) =>
        {
            if (call.Number == 3)
            {
                await cts.CancelAsync();
            }

            await Task.Delay(5, ct);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "Preferred output: 1"));
        });
        var elicitor = new PairwiseJudgeElicitor(judge, new PairwiseJudgeOptions { MaxConcurrency = 1 });
        var set = Set(6);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => elicitor.ElicitVerdictsAsync(set, AllPairs(set), cts.Token));
        Assert.InRange(judge.CallCount, 3, 4);
    }

    [Fact]
    public async Task Concurrent_calls_on_one_elicitor_each_report_only_their_own_cost()
    {
        // A DI singleton serves concurrent runs: usage belongs to the call, so costs never mix.
        var judge = ScriptedChatClient.FromText(_ => "Preferred output: 1", delay: TimeSpan.FromMilliseconds(5), usage: new UsageDetails { InputTokenCount = 7, OutputTokenCount = 1 });
        var elicitor = new PairwiseJudgeElicitor(judge, new PairwiseJudgeOptions { MaxConcurrency = 4 });
        var small = Set(2);
        var large = Set(5);

        var results = await Task.WhenAll(elicitor.ElicitVerdictsAsync(small, AllPairs(small)), elicitor.ElicitVerdictsAsync(large, AllPairs(large)));

        // 1 pair x 2 orders and 10 pairs x 2 orders; a judge that always says "1" fails every swap check.
        Assert.Equal(new ElicitationCost(2, 14, 2, 0) { SwapDisagreements = 1 }, results[0].Cost);
        Assert.Equal(new ElicitationCost(20, 140, 20, 0) { SwapDisagreements = 10 }, results[1].Cost);
        Assert.Equal(22, judge.CallCount);
    }
}
