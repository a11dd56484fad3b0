using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;

namespace WrongOverWrong.Tests.TestDoubles;

/// <summary>
/// A scripted client that also offers <see cref="IBatchChatClient"/>: each batched response is one
/// call of the inner script with the response's seed in <see cref="ChatOptions.Seed"/>. Records the batches.
/// </summary>
public sealed class BatchingScriptedChatClient(ScriptedChatClient inner) : IChatClient, IBatchChatClient
{
    private readonly ConcurrentQueue<IReadOnlyList<ChatBatchRequest>> _batches = new();
    private int _singleCalls;

    public ScriptedChatClient Inner { get; } = inner;

    public IReadOnlyList<IReadOnlyList<ChatBatchRequest>> Batches => _batches.ToList();

    public int SingleCalls => Volatile.Read(ref _singleCalls);

    public async Task<IReadOnlyList<IReadOnlyList<ChatResponse>>> GetBatchResponsesAsync(IReadOnlyList<ChatBatchRequest> requests, CancellationToken cancellationToken = default)
    {
        _batches.Enqueue(requests);
        var result = new List<IReadOnlyList<ChatResponse>>();
        foreach (var request in requests)
        {
            var responses = new List<ChatResponse>();
            for (var i = 0; i < request.Count; i++)
            {
                var options = request.Options?.Clone() ?? new ChatOptions();
                options.Seed = request.Seeds?[i];
                responses.Add(await Inner.GetResponseAsync(request.Messages, options, cancellationToken));
            }

            result.Add(responses);
        }

        return result;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _singleCalls);
        return Inner.GetResponseAsync(messages, options, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
