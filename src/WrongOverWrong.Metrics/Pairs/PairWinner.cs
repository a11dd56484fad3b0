namespace WrongOverWrong.Metrics.Pairs;

/// <summary>
/// The oracle's (gold) order of a pair: which answer is less wrong (or the correct one). The one type
/// for a gold order: Core's candidate pairs carry it, Acc_WoW scores against it.
/// </summary>
public enum PairWinner : byte
{
    /// <summary>The first answer is less wrong.</summary>
    First,

    /// <summary>The second answer is less wrong.</summary>
    Second,
}
