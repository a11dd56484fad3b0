namespace WrongOverWrong;

/// <summary>Why a training run ended (a cancelled run throws instead of returning).</summary>
public enum StopReason
{
    /// <summary>Every planned optimizer step ran.</summary>
    Completed,

    /// <summary>
    /// The evaluation metric chosen for the best model stopped improving for as many evaluations as
    /// the early-stopping patience allows.
    /// </summary>
    EarlyStopped,

    /// <summary>
    /// The collapse guard's share of acceptable generations fell below its threshold; the model was
    /// restored to the last state that passed the guard.
    /// </summary>
    CollapseDetected,
}
