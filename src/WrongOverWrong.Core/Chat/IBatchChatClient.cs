using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>
/// A capability of chat clients that answer many requests, each with several responses, in one call:
/// a local model decodes them all as one batch instead of paying a prefill per response. Discover it
/// as Microsoft.Extensions.AI clients expose capabilities: <c>client.GetService&lt;IBatchChatClient&gt;()</c>;
/// callers fall back to one <see cref="IChatClient.GetResponseAsync"/> call per response when it is absent.
/// </summary>
/// <remarks>
/// <see cref="IChatClient.GetService"/> of a delegating client forwards to the inner client, so a batch
/// capability found through a pipeline bypasses the pipeline's own clients (caching, logging): use it
/// where those are not needed, as with a local model.
/// </remarks>
public interface IBatchChatClient
{
    /// <summary>
    /// Answers every request; the result holds, per request and in request order,
    /// <see cref="ChatBatchRequest.Count"/> responses. Response i of a request with seeds uses seed i,
    /// and the same seed gives the same response whatever else shares the batch.
    /// </summary>
    /// <param name="requests">The conversations, response counts, options and seeds.</param>
    /// <param name="cancellationToken">Cancels the whole batch.</param>
    Task<IReadOnlyList<IReadOnlyList<ChatResponse>>> GetBatchResponsesAsync(IReadOnlyList<ChatBatchRequest> requests, CancellationToken cancellationToken = default);
}
