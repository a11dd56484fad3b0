namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>Everything one run needs, from the environment and the command line.</summary>
internal sealed record SampleOptions
{
    public required Uri Endpoint { get; init; }

    /// <summary>The API key; local servers ignore it, so a dummy stands in when none is set.</summary>
    public required string ApiKey { get; init; }

    public required bool ApiKeyIsDummy { get; init; }

    public required string Model { get; init; }

    public required string JudgeModel { get; init; }

    public required string DataFolder { get; init; }

    public required IReadOnlyList<SampleTask> Tasks { get; init; }

    public int Questions { get; init; } = 20;

    public int Samples { get; init; } = 10;

    public int ScoreBatch { get; init; } = 5;

    public int Concurrency { get; init; } = 8;

    public int? MaxPairs { get; init; } = 10_000;

    /// <summary>Take a seeded random sample of questions instead of the first N.</summary>
    public bool RandomQuestions { get; init; }

    public int Seed { get; init; } = 42;

    public required string OutputFolder { get; init; }

    public bool SelfJudging => string.Equals(Model, JudgeModel, StringComparison.Ordinal);
}
