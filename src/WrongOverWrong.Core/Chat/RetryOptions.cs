namespace WrongOverWrong.Chat;

/// <summary>
/// How calls to a model endpoint are retried on transient failures (HTTP 429 and 5xx, timeouts):
/// exponential back-off with jitter.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt (default 5; 0 disables retrying).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The back-off before the first retry (default 1 s); it doubles on every further retry.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off between two attempts (default 60 s).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The share of each back-off that is random (default 0.5: a delay d becomes uniform in [d/2, d]),
    /// so that many workers hit by the same rate limit do not retry in lockstep.
    /// </summary>
    public double Jitter { get; set; } = 0.5;

    /// <summary>
    /// Decides whether a failure is worth retrying; the default is <see cref="TransientFailures.IsTransient"/>.
    /// </summary>
    public Func<Exception, bool>? IsTransient { get; set; }

    /// <summary>
    /// Waits between attempts; the default is <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.
    /// Tests inject an instant delay here.
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; set; }

    /// <summary>The random source for jitter; <see langword="null"/> uses <see cref="Random.Shared"/>.</summary>
    public Random? Random { get; set; }

    /// <summary>Returns a copy, so that a component's settings cannot change under it.</summary>
    public RetryOptions Clone() => (RetryOptions)MemberwiseClone();

    /// <summary>The back-off before retry number <paramref name="retry"/> (1-based), jitter included.</summary>
    internal TimeSpan GetDelay(int retry)
    {
        var baseMs = InitialDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(baseMs, MaxDelay.TotalMilliseconds);
        var jitter = Math.Clamp(Jitter, 0, 1);
        double u;
        var random = Random ?? System.Random.Shared;
        lock (random)
        {
            u = random.NextDouble();
        }

        return TimeSpan.FromMilliseconds(capped * (1 - jitter + (jitter * u)));
    }
}
