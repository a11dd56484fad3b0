namespace WrongOverWrong.Pipeline;

/// <summary>The kinds of <see cref="TrainingSource"/>.</summary>
public enum TrainingSourceKind
{
    /// <summary>Wrong-over-wrong pairs in the oracle's order.</summary>
    OracleWrongOverWrong,

    /// <summary>An elicitor's verdicts on wrong-over-wrong pairs, kept at a margin.</summary>
    Elicited,

    /// <summary>Right-over-wrong pairs.</summary>
    RightOverWrong,

    /// <summary>Half right-over-wrong, half oracle wrong-over-wrong.</summary>
    Mix,
}
