namespace WrongOverWrong.Metrics.Statistics;

/// <summary>Options for <see cref="Bootstrap"/> confidence intervals.</summary>
public sealed record BootstrapOptions
{
    /// <summary>1,000 resamples, 95% level, seed 42.</summary>
    public static BootstrapOptions Default { get; } = new();

    /// <summary>Number of bootstrap resamples (at least 1; 1,000 by default).</summary>
    public int Resamples { get; init; } = 1000;

    /// <summary>Coverage of the interval, in (0, 1); 0.95 by default.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>
    /// Seed for the resampling generator, so an interval can be reproduced exactly; 42 by default,
    /// the paper's seed.
    /// </summary>
    public int Seed { get; init; } = 42;
}
