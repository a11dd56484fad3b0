using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Tests.TestDoubles;

/// <summary>One request the scripted client received.</summary>
public sealed record ScriptedCall(int Number, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    public string LastUserText => Messages.Last(m => m.Role == ChatRole.User).Text;
}

/// <summary>
/// An in-process chat client whose replies come from a script: a function of the call (its number,
/// messages and options). It records every call and the peak number of calls in flight, and can
/// delay or fail on demand.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Func<ScriptedCall, CancellationToken, Task<ChatResponse>> _script;
    private readonly ConcurrentQueue<ScriptedCall> _calls = new();
    private int _number;
    private int _inFlight;
    private int _maxInFlight;

    public ScriptedChatClient(Func<ScriptedCall, CancellationToken, Task<ChatResponse>> script) => _script = script;

    /// <summary>A client that answers every call with the text the function returns.</summary>
    public static ScriptedChatClient FromText(Func<ScriptedCall, string> reply, TimeSpan? delay = null, UsageDetails? usage = null) =>
        new(async (call, ct) =>
        {
            if (delay is { } d)
            {
                await Task.Delay(d, ct);
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, reply(call))) { Usage = usage };
        });

    public IReadOnlyList<ScriptedCall> Calls => _calls.OrderBy(c => c.Number).ToList();

    public int CallCount => Volatile.Read(ref _number);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new ScriptedCall(Interlocked.Increment(ref _number), messages.ToList(), options);
        _calls.Enqueue(call);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            return await _script(call, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted client does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
