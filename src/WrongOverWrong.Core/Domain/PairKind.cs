namespace WrongOverWrong;

/// <summary>What a candidate pair compares.</summary>
public enum PairKind
{
    /// <summary>Both answers are wrong and their oracle proxies differ; the higher proxy is less wrong.</summary>
    WrongOverWrong,

    /// <summary>Exactly one answer is correct; it is the preferred one.</summary>
    RightOverWrong,
}
