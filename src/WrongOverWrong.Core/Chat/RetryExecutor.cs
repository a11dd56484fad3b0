namespace WrongOverWrong.Chat;

/// <summary>Runs an operation with the retry policy of <see cref="RetryOptions"/>.</summary>
internal static class RetryExecutor
{
    /// <summary>
    /// Runs <paramref name="operation"/>, retrying transient failures with back-off. Rethrows the last
    /// failure when retries are exhausted or the failure is not transient; reports each retry.
    /// </summary>
    public static async Task<T> ExecuteAsync<T>(RetryOptions options, Func<CancellationToken, Task<T>> operation, Action<int, Exception, TimeSpan>? onRetry, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < options.MaxRetries && IsTransient(options, ex, cancellationToken))
            {
                var delay = options.GetDelay(attempt + 1);
                onRetry?.Invoke(attempt + 1, ex, delay);
                var wait = options.Delay ?? Task.Delay;
                await wait(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(RetryOptions options, Exception ex, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return options.IsTransient?.Invoke(ex) ?? TransientFailures.IsTransient(ex, cancellationToken);
    }
}
