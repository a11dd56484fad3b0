namespace WrongOverWrong.Elicitation;

/// <summary>Settings of <see cref="PairwiseJudgeElicitor"/>.</summary>
public sealed class PairwiseJudgeOptions : JudgeOptions
{
    /// <summary>
    /// Whether to ask again with the responses swapped and keep the pair only when both verdicts parse
    /// and pick the same underlying response (default <see langword="true"/>, the paper's consistency check).
    /// </summary>
    public bool ConsistencyCheck { get; set; } = true;

    /// <summary>Returns a copy.</summary>
    public PairwiseJudgeOptions Clone()
    {
        return (PairwiseJudgeOptions)MemberwiseClone();
    }
}
