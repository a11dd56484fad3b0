namespace WrongOverWrong.Metrics.Pairs;

/// <summary>
/// What a preference method predicted for a pair of answers. The one type for a prediction: Core's
/// elicitors produce it, Acc_WoW scores it, so this package stays usable alone.
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
