namespace WrongOverWrong.Pipeline.Reports;

/// <summary>How one training-set source was built.</summary>
public sealed record TrainingSetReport
{
    /// <summary>The source's name (<c>oracle-wow</c>, <c>consistency@M_10</c>, <c>pairwise-judge</c>, <c>row</c>, <c>mix</c>, ...).</summary>
    public required string Source { get; init; }

    /// <summary>Pairs the source could give before the cap (after margins and abstentions).</summary>
    public required int Available { get; init; }

    /// <summary>Pairs drawn into the training set (at most the cap).</summary>
    public required int Used { get; init; }

    /// <summary>Of the used pairs, how many have the oracle's direction (1.0 for oracle sources).</summary>
    public required double AgreementWithOracle { get; init; }

    /// <summary>The file the set was written to, relative to the run folder.</summary>
    public required string File { get; init; }

    /// <summary>Whether the source had enough pairs to train on.</summary>
    public bool Trainable { get; init; } = true;
}
