using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>Options of <see cref="ShortestPathOracle"/>.</summary>
public sealed class ShortestPathOracleOptions
{
    /// <summary>
    /// The largest graph for which the exact longest-simple-path normalizer is computed
    /// (default 20, NLGraph's largest); larger graphs raise a clear error when graded.
    /// </summary>
    public int MaxNodesForLongestPath { get; set; } = LongestSimplePath.DefaultMaxNodes;

    /// <summary>The search budget of the longest-simple-path normalizer, in expansions.</summary>
    public long MaxLongestPathSteps { get; set; } = LongestSimplePath.DefaultMaxSteps;

    /// <summary>
    /// The grading rule (default <see cref="GradingRule.Paper"/>: the stated total weight alone);
    /// <see cref="GradingRule.Strict"/> also requires the stated path to be valid.
    /// </summary>
    public GradingRule Rule { get; set; } = GradingRule.Paper;
}
