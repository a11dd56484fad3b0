using Polly;
using Polly.Retry;

namespace WrongOverWrong.Chat;

/// <summary>
/// How <see cref="ResilientChatClient"/> retries transient failures of model calls (HTTP 408, 429
/// and 5xx, timeouts): exponential back-off with jitter, or the server's Retry-After when the failure
/// carries one. Built on Polly's retry strategy (<see cref="ToStrategyOptions"/>).
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt (default 5; 0 disables retrying).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The back-off before the first retry (default 1 s); it doubles on every further retry.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts (default 60 s); a longer Retry-After is cut to it.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether back-offs are randomised (default <see langword="true"/>: Polly's decorrelated jitter),
    /// so that many workers hit by the same rate limit do not retry in lockstep. A Retry-After is
    /// never randomised.
    /// </summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Whether a Retry-After sent by the server sets the wait (default <see langword="true"/>); see
    /// <see cref="TransientFailures.RetryAfter"/> for which failures carry it.
    /// </summary>
    public bool HonorRetryAfter { get; set; } = true;

    /// <summary>
    /// Decides whether a failure is worth retrying; the default is <see cref="TransientFailures.IsTransient"/>.
    /// A cancellation the caller asked for is never retried.
    /// </summary>
    public Func<Exception, bool>? IsTransient { get; set; }

    /// <summary>Called before each retry with the retry number (1-based), the failure and the wait; optional.</summary>
    public Action<int, Exception, TimeSpan>? OnRetry { get; set; }

    /// <summary>The clock Polly waits on; <see langword="null"/> uses <see cref="TimeProvider.System"/>. Tests inject a fake one.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Returns a copy, so that a component's settings cannot change under it.</summary>
    public RetryOptions Clone() => (RetryOptions)MemberwiseClone();

    /// <summary>
    /// Polly retry-strategy options with this policy, to compose with other strategies (a timeout,
    /// a circuit breaker) in a <see cref="ResiliencePipelineBuilder{TResult}"/> passed to
    /// <see cref="ResilientChatClient(Microsoft.Extensions.AI.IChatClient, ResiliencePipeline{Microsoft.Extensions.AI.ChatResponse})"/>.
    /// </summary>
    /// <typeparam name="TResult">The result type of the pipeline (<see cref="Microsoft.Extensions.AI.ChatResponse"/> for a chat client).</typeparam>
    /// <exception cref="ArgumentException">A negative retry count or delay, or a maximum delay below the initial one.</exception>
    public RetryStrategyOptions<TResult> ToStrategyOptions<TResult>()
    {
        Validate();
        var isTransient = IsTransient;
        var honorRetryAfter = HonorRetryAfter;
        var maxDelay = MaxDelay;
        var onRetry = OnRetry;
        return new RetryStrategyOptions<TResult>
        {
            // Polly refuses 0 attempts; "no retries" is expressed by a predicate that never retries.
            MaxRetryAttempts = Math.Max(1, MaxRetries),
            Delay = InitialDelay,
            MaxDelay = MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = UseJitter,
            ShouldHandle = args => ValueTask.FromResult(
                MaxRetries > 0
                && args.Outcome.Exception is { } ex
                && !args.Context.CancellationToken.IsCancellationRequested
                && (isTransient?.Invoke(ex) ?? TransientFailures.IsTransient(ex, args.Context.CancellationToken))),
            DelayGenerator = args => ValueTask.FromResult(
                honorRetryAfter && args.Outcome.Exception is { } ex && TransientFailures.RetryAfter(ex) is { } wait
                    ? (TimeSpan?)(wait < maxDelay ? wait : maxDelay)
                    : null),
            OnRetry = args =>
            {
                if (onRetry is not null && args.Outcome.Exception is { } ex)
                {
                    onRetry(args.AttemptNumber + 1, ex, args.RetryDelay);
                }

                return default;
            },
        };
    }

    private void Validate()
    {
        if (MaxRetries < 0)
        {
            throw new ArgumentException($"MaxRetries must not be negative (was {MaxRetries}).", nameof(MaxRetries));
        }

        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ArgumentException($"Delays must satisfy 0 <= InitialDelay <= MaxDelay (were {InitialDelay} and {MaxDelay}).", nameof(MaxDelay));
        }
    }
}
