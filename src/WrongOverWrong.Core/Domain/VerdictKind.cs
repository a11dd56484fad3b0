namespace WrongOverWrong;

/// <summary>What an elicitor predicted for a pair.</summary>
public enum VerdictKind
{
    /// <summary>The first candidate is predicted less wrong.</summary>
    First,

    /// <summary>The second candidate is predicted less wrong.</summary>
    Second,

    /// <summary>The method's scores are equal: no order is predicted (the paper counts it as a miss).</summary>
    Tie,

    /// <summary>No verdict: a judge reply that did not parse, a failed consistency check, or a null score batch.</summary>
    Abstained,
}
