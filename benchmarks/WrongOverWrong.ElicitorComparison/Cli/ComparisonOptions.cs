using WrongOverWrong.MainJob.Cli;

namespace WrongOverWrong.ElicitorComparison.Cli;

/// <summary>What the command line asked for.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Answer set files or run folders; empty = the main job's runs/default, else the fallback.</summary>
    public IReadOnlyList<string> Answers { get; init; } = [];

    /// <summary>Where the Markdown, JSON and PNG results go.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>The main job's default run folder, read when no answers are given.</summary>
    public required string DefaultRunFolder { get; init; }

    /// <summary>Where the fallback samples its answer sets.</summary>
    public required string FallbackFolder { get; init; }

    /// <summary>The shipped model the fallback samples with.</summary>
    public required string ModelFolder { get; init; }

    /// <summary>Synthetic questions the fallback samples.</summary>
    public int Questions { get; init; } = 40;

    /// <summary>The real NLGraph file the fallback also samples (when it exists).</summary>
    public string? NLGraphFile { get; init; }

    /// <summary>Real NLGraph questions the fallback samples (0 = none).</summary>
    public int NLGraphQuestions { get; init; } = 20;

    /// <summary>Answers per question in the fallback.</summary>
    public int Samples { get; init; } = 10;

    /// <summary>libtorch threads (the fallback's sampling).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Seed of questions, sampling, pair cap and bootstrap.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Bootstrap resamples per interval.</summary>
    public int Bootstrap { get; init; } = 1000;

    /// <summary>At most this many wrong-over-wrong pairs per dataset.</summary>
    public int MaxPairs { get; init; } = 10_000;

    /// <summary>
    /// The local judge model the pairwise and score judges run on when no endpoint is configured
    /// (default models/wow-tiny-judge); <see langword="null"/> compares the other three elicitors only.
    /// </summary>
    public string? JudgeModelFolder { get; init; }

    /// <summary>The judge endpoint, when configured; it takes the place of the local judge model.</summary>
    public EndpointSettings? Endpoint { get; init; }

    /// <summary>The command line as typed, for the results file.</summary>
    public string CommandLine { get; init; } = string.Empty;
}
