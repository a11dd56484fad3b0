using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>
/// The one way answer sources and judges call a model: at most a fixed number of calls in flight,
/// and the usage of every response recorded on the meter of the run it belongs to. Retries are not
/// here: they belong to the client's pipeline (<see cref="ResilientChatClient"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore is never disposed: it exposes no wait handle (AvailableWaitHandle is never read), so there is nothing to release.")]
internal sealed class ChatCaller
{
    private readonly IChatClient _client;
    private readonly SemaphoreSlim _slots;

    public ChatCaller(IChatClient client, int maxConcurrency)
    {
        _client = client;
        _slots = new SemaphoreSlim(maxConcurrency);
    }

    public async Task<ChatResponse> GetResponseAsync(IReadOnlyList<ChatMessage> messages, ChatOptions options, ChatUsageMeter usage, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A waiter may get the slot after the run was cancelled: do not start a call for it.
            cancellationToken.ThrowIfCancellationRequested();
            var response = await _client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            usage.Record(response);
            return response;
        }
        finally
        {
            _slots.Release();
        }
    }
}
