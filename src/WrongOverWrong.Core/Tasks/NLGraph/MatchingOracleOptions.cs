namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>Options of <see cref="MatchingOracle"/>.</summary>
public sealed class MatchingOracleOptions
{
    /// <summary>
    /// The grading rule (default <see cref="GradingRule.Paper"/>: the stated count alone);
    /// <see cref="GradingRule.Strict"/> also requires a stated, valid assignment of that size.
    /// </summary>
    public GradingRule Rule { get; set; } = GradingRule.Paper;
}
