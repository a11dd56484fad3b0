namespace WrongOverWrong.Metrics;

/// <summary>
/// What a preference method predicted for a pair of answers. The members mirror
/// <c>WrongOverWrong.VerdictKind</c> in the same order, so a cast converts one into the other, but
/// this package does not depend on Core.
/// </summary>
public enum PairPrediction : byte
{
    /// <summary>The first answer is predicted less wrong.</summary>
    First,

    /// <summary>The second answer is predicted less wrong.</summary>
    Second,

    /// <summary>The method's scores are equal, so it predicts no order. The paper counts this as a miss.</summary>
    Tie,

    /// <summary>
    /// No verdict at all (an unparsable judge reply, a failed consistency check, a null score batch).
    /// Abstentions are counted separately and never enter the Acc_WoW denominator.
    /// </summary>
    Abstained,
}
