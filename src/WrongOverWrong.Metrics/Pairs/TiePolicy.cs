namespace WrongOverWrong.Metrics.Pairs;

/// <summary>How Acc_WoW treats pairs whose predicted outcome is a tie.</summary>
public enum TiePolicy
{
    /// <summary>
    /// A tie predicts nothing, so it counts as a miss and stays in the denominator. This is what the
    /// paper's authors did; use it for comparability with published numbers.
    /// </summary>
    CountAsMiss,

    /// <summary>Ties are left out of the denominator (they are still counted in <see cref="AccWoWResult.Ties"/>).</summary>
    Exclude,
}
