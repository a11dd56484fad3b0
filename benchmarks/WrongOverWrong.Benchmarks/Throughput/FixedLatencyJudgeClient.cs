using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// An in-process judge endpoint that answers every call after a fixed delay with
/// <see cref="Responses"/> <c>Score: n</c> lines (n from the prompt's hash, so replies differ but
/// repeat exactly for a repeated prompt). It counts the calls that reach it and the most that were
/// in flight at once, so the suite can check the elicitor's concurrency bound and a cache's hits.
/// </summary>
internal sealed class FixedLatencyJudgeClient(TimeSpan latency, int responses) : IChatClient
{
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Score lines per reply: the score judge's batch size k.</summary>
    public int Responses => responses;

    /// <summary>Calls that reached this client.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The most calls in flight at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Sets the counters back to zero between runs.</summary>
    public void ResetCounters()
    {
        Volatile.Write(ref _calls, 0);
        Volatile.Write(ref _maxInFlight, 0);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
            string prompt = string.Concat(messages.Select(m => m.Text));
            int hash = StableHash(prompt);
            string reply = string.Join('\n', Enumerable.Range(0, responses).Select(i => $"Score: {(uint)(hash + (i * 7919)) % 6}"));
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, reply))
            {
                Usage = new UsageDetails { InputTokenCount = prompt.Length / 4, OutputTokenCount = responses * 3 },
            };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    // string.GetHashCode is randomised per process; replies must not depend on the run.
    private static int StableHash(string text)
    {
        unchecked
        {
            int hash = (int)2166136261;
            foreach (char c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
