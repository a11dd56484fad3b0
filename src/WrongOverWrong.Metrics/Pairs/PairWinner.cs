namespace WrongOverWrong.Metrics;

/// <summary>The oracle's (gold) order of a pair: which answer is less wrong.</summary>
public enum PairWinner : byte
{
    /// <summary>The first answer is less wrong.</summary>
    First,

    /// <summary>The second answer is less wrong.</summary>
    Second,
}
