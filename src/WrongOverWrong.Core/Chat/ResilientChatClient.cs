using Microsoft.Extensions.AI;
using Polly;

namespace WrongOverWrong.Chat;

/// <summary>
/// A delegating chat client that runs every call through a Polly resilience pipeline: by default a
/// retry of transient failures (HTTP 408/429/5xx, timeouts) with exponential back-off and jitter
/// that waits as long as the server's Retry-After asks when the failure carries one (see
/// <see cref="RetryOptions"/>). This is the one place WrongOverWrong retries: answer sources and
/// judges do not, so put it in their clients' pipelines (<see cref="ResilientChatClientBuilderExtensions.UseResilience(ChatClientBuilder, RetryOptions?)"/>),
/// inside a distributed cache so that cache hits never wait. Streaming calls are not retried: a
/// stream may already have produced output when it fails.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline<ChatResponse> _pipeline;

    /// <summary>Initializes a new instance that retries with <paramref name="options"/>.</summary>
    /// <param name="innerClient">The client whose calls are retried.</param>
    /// <param name="options">The retry policy; copied, defaults when <see langword="null"/>.</param>
    public ResilientChatClient(IChatClient innerClient, RetryOptions? options = null)
        : this(innerClient, CreatePipeline(options ?? new RetryOptions()))
    {
    }

    /// <summary>Initializes a new instance over a pipeline of your own (a retry from <see cref="RetryOptions.ToStrategyOptions{TResult}"/>, a timeout, a circuit breaker...).</summary>
    /// <param name="innerClient">The client whose calls run through <paramref name="pipeline"/>.</param>
    /// <param name="pipeline">The Polly pipeline.</param>
    public ResilientChatClient(IChatClient innerClient, ResiliencePipeline<ChatResponse> pipeline)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Materialise once: the sequence is enumerated again on every attempt.
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return await _pipeline.ExecuteAsync(
            static async (state, ct) => await state.Self.SendAsync(state.List, state.Options, ct).ConfigureAwait(false),
            (Self: this, List: list, Options: options),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<ChatResponse> SendAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        base.GetResponseAsync(messages, options, cancellationToken);

    private static ResiliencePipeline<ChatResponse> CreatePipeline(RetryOptions options)
    {
        var builder = new ResiliencePipelineBuilder<ChatResponse>();
        if (options.TimeProvider is { } time)
        {
            builder.TimeProvider = time;
        }

        return builder.AddRetry(options.ToStrategyOptions<ChatResponse>()).Build();
    }
}
