namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>Everything one run of the suite measured; written as JSON as is, and as Markdown by <see cref="ThroughputMarkdown"/>.</summary>
internal sealed record ThroughputResults
{
    public required string Command { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required double WallSeconds { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string LoadAverageAtEnd { get; init; }

    public required int TorchThreads { get; init; }

    public required bool Quick { get; init; }

    /// <summary>Every fp32 matmul ceiling reading of the run, GFLOP/s, in order.</summary>
    public required IReadOnlyList<double> CeilingReadingsGflops { get; init; }

    public required double JudgeLatencyMs { get; init; }

    public required IReadOnlyList<JudgeConcurrencyRun.Row> Judge { get; init; }

    public required SamplingFigure.Result Sampling { get; init; }

    public required IReadOnlyList<DpoSequenceScaling.Row> DpoScaling { get; init; }

    /// <summary>Exponent of the fastest step time on L.</summary>
    public required double DpoLengthExponent { get; init; }

    /// <summary>Exponent of step time x the matmul ceiling around it on L: the machine's speed changes between sizes divide out.</summary>
    public required double DpoLengthExponentCeilingNormalised { get; init; }

    /// <summary>Exponent of the analytic FLOPs per step on L: what a constant share of the ceiling would give.</summary>
    public required double DpoLengthExponentOfFlops { get; init; }

    public required DpoMemoryDrift.Result Drift { get; init; }

    public required IReadOnlyList<PairingScaling.Row> Pairing { get; init; }

    public required double PairingExponent { get; init; }

    public required double PairingStageExponent { get; init; }

    public required double MarginStageExponent { get; init; }

    public required double AccWowStageExponent { get; init; }
}
