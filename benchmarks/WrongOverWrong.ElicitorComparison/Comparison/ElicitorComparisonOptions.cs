namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>Settings of <see cref="ElicitorComparisonRunner"/>; the defaults are the pipeline's.</summary>
public sealed record ElicitorComparisonOptions
{
    /// <summary>Seed of pair sampling (when capped) and of the bootstrap.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Bootstrap resamples per interval, drawn over questions (0 = no interval).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>At most this many wrong-over-wrong pairs per dataset, drawn with the seed (the authors cap judge work at 10,000).</summary>
    public int? MaxPairs { get; init; } = 10_000;

    /// <summary>Questions elicited concurrently (judges over an endpoint profit from more).</summary>
    public int MaxParallelQuestions { get; init; } = 4;
}
