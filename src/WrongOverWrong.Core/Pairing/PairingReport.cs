namespace WrongOverWrong.Pairing;

/// <summary>
/// What pairing formed and what it dropped, and why: every candidate pair (i &lt; j) of every
/// question is counted exactly once, so <see cref="CandidatePairsSeen"/> equals the sum of the
/// outcome counts.
/// </summary>
public sealed record PairingReport
{
    /// <summary>Answer sets (questions) read.</summary>
    public int Questions { get; init; }

    /// <summary>Candidates read.</summary>
    public int Candidates { get; init; }

    /// <summary>Candidates without a parsable final answer.</summary>
    public int UnparsableCandidates { get; init; }

    /// <summary>All i &lt; j candidate pairs examined.</summary>
    public long CandidatePairsSeen { get; init; }

    /// <summary>Wrong-over-wrong pairs formed, before the cap.</summary>
    public long WrongOverWrongFormed { get; init; }

    /// <summary>Right-over-wrong pairs formed, before the cap.</summary>
    public long RightOverWrongFormed { get; init; }

    /// <summary>Pairs dropped because at least one candidate is unparsable.</summary>
    public long DroppedUnparsable { get; init; }

    /// <summary>Both-wrong pairs dropped because their proxies are equal (a tie orders nothing).</summary>
    public long DroppedTies { get; init; }

    /// <summary>Pairs dropped because both candidates are correct.</summary>
    public long DroppedBothCorrect { get; init; }

    /// <summary>Valid pairs of a kind not asked for (RoW when only WoW is wanted, or the reverse).</summary>
    public long DroppedKindNotRequested { get; init; }

    /// <summary>Formed pairs dropped by the seeded cap.</summary>
    public long DroppedByCap { get; init; }

    /// <summary>Pairs kept (formed minus capped).</summary>
    public long Kept { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Questions} questions, {Candidates} candidates ({UnparsableCandidates} unparsable); {CandidatePairsSeen} candidate pairs: " +
        $"{WrongOverWrongFormed} WoW + {RightOverWrongFormed} RoW formed, dropped {DroppedUnparsable} unparsable, {DroppedTies} ties, " +
        $"{DroppedBothCorrect} both correct, {DroppedKindNotRequested} kind not requested, {DroppedByCap} by cap; {Kept} kept.";
}
