namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>Sizes of one run of the throughput suite: the default (the committed results) or a quick smoke run.</summary>
internal sealed record ThroughputSettings
{
    public int Threads { get; init; } = 1;

    public bool Quick { get; init; }

    public int JudgeCalls { get; init; } = 1_000;

    public TimeSpan JudgeLatency { get; init; } = TimeSpan.FromMilliseconds(20);

    public IReadOnlyList<int> Concurrencies { get; init; } = [1, 8, 32];

    public IReadOnlyList<int> SequenceLengths { get; init; } = [128, 256, 512, 1024];

    public int StepRepeats { get; init; } = 5;

    public int DriftSteps { get; init; } = 200;

    public int DriftWarmUp { get; init; } = 50;

    public IReadOnlyList<int> QuestionCounts { get; init; } = [1_000, 2_000, 5_000, 10_000];

    public int Repeats { get; init; } = 5;

    /// <summary>Parses <c>[threads] [quick]</c>, the arguments after <c>throughput</c>.</summary>
    public static ThroughputSettings Parse(IReadOnlyList<string> args)
    {
        int threads = args.Count > 0 && int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out int t) ? t : 1;
        if (!args.Contains("quick"))
        {
            return new ThroughputSettings { Threads = threads };
        }

        // Every part once at a toy size: for checking that the suite still runs, not for figures.
        return new ThroughputSettings
        {
            Threads = threads,
            Quick = true,
            JudgeCalls = 64,
            JudgeLatency = TimeSpan.FromMilliseconds(5),
            SequenceLengths = [32, 64],
            StepRepeats = 1,
            DriftSteps = 12,
            DriftWarmUp = 4,
            QuestionCounts = [100, 200],
            Repeats = 1,
        };
    }
}
