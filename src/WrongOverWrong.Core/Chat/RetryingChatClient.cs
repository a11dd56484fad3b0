using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>
/// A delegating chat client that retries transient failures (HTTP 429/5xx, timeouts) with
/// exponential back-off and jitter. Streaming calls are not retried: a stream may already have
/// produced output when it fails.
/// </summary>
public sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly RetryOptions _options;

    /// <summary>Initializes a new instance wrapping <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client whose calls are retried.</param>
    /// <param name="options">The retry policy; copied, defaults when <see langword="null"/>.</param>
    public RetryingChatClient(IChatClient innerClient, RetryOptions? options = null)
        : base(innerClient)
    {
        _options = options?.Clone() ?? new RetryOptions();
    }

    /// <summary>Number of retries made so far (for logs and tests).</summary>
    public int Retries => _retries;

    private int _retries;

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Materialise once: the sequence is enumerated again on every attempt.
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return RetryExecutor.ExecuteAsync(
            _options,
            ct => base.GetResponseAsync(list, options, ct),
            (_, _, _) => Interlocked.Increment(ref _retries),
            cancellationToken);
    }
}
