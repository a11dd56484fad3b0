using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Chat;

public class UsageMeteringTests
{
    [Fact]
    public async Task Two_runs_sharing_one_client_are_costed_apart_by_their_own_meters()
    {
        var inner = ScriptedChatClient.FromText(_ => "ok", usage: new UsageDetails { InputTokenCount = 10, OutputTokenCount = 3 });
        var runA = new ChatUsageMeter();
        var runB = new ChatUsageMeter();
        IChatClient a = new ChatClientBuilder(inner).UseUsageMeter(runA).Build();
        IChatClient b = new ChatClientBuilder(inner).UseUsageMeter(runB).Build();

        await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => a.GetResponseAsync("q")).Concat(Enumerable.Range(0, 2).Select(_ => b.GetResponseAsync("q"))));

        Assert.Equal((7L, 70L, 21L, 7L), (runA.Calls, runA.InputTokens, runA.OutputTokens, runA.CallsWithUsage));
        Assert.Equal((2L, 20L, 6L, 2L), (runB.Calls, runB.InputTokens, runB.OutputTokens, runB.CallsWithUsage));
        Assert.Equal(9, inner.Calls.Count);
    }

    [Fact]
    public async Task Calls_without_usage_count_as_calls_only_and_failed_calls_not_at_all()
    {
        var inner = new ScriptedChatClient((call, _) => call.Number == 2
            ? Task.FromException<ChatResponse>(new InvalidOperationException("down"))
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))));
        var meter = new ChatUsageMeter();
        using var client = new UsageMeteringChatClient(inner, meter);

        await client.GetResponseAsync("first");
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("second"));
        await client.GetResponseAsync("third");

        Assert.Equal((2L, 0L, 0L, 0L), (meter.Calls, meter.InputTokens, meter.OutputTokens, meter.CallsWithUsage));
    }

    [Fact]
    public async Task A_streaming_call_counts_once_with_its_usage_updates_summed()
    {
        var meter = new ChatUsageMeter();
        using var client = new UsageMeteringChatClient(new StreamingClient(), meter);

        var text = string.Concat(await client.GetStreamingResponseAsync("q").Select(u => u.Text).ToListAsync());

        Assert.Equal("abc", text);
        Assert.Equal((1L, 5L, 7L, 1L), (meter.Calls, meter.InputTokens, meter.OutputTokens, meter.CallsWithUsage));
    }

    /// <summary>Streams three text updates and two usage updates (as some servers report prompt and completion usage apart).</summary>
    private sealed class StreamingClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "a");
            yield return new ChatResponseUpdate(ChatRole.Assistant, "b") { Contents = { new UsageContent(new UsageDetails { InputTokenCount = 5, OutputTokenCount = 2 }) } };
            yield return new ChatResponseUpdate(ChatRole.Assistant, "c");
            yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { OutputTokenCount = 5 })] };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
