using WrongOverWrong.Metrics;

namespace WrongOverWrong.Harness;

/// <summary>Converts verdicts into the plain pairs the Metrics package scores.</summary>
public static class ScoredPairs
{
    /// <summary>
    /// The Metrics view of a verdict: its gap (none for pairwise verdicts and abstentions), its
    /// prediction and the oracle's order.
    /// </summary>
    /// <param name="verdict">The verdict.</param>
    public static ScoredPair From(PairVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var predicted = verdict.Verdict switch
        {
            VerdictKind.First => PairPrediction.First,
            VerdictKind.Second => PairPrediction.Second,
            VerdictKind.Tie => PairPrediction.Tie,
            _ => PairPrediction.Abstained,
        };
        var gap = predicted == PairPrediction.Abstained ? null : verdict.Gap;
        return new ScoredPair(gap, predicted, verdict.Pair.FirstIsBetter ? PairWinner.First : PairWinner.Second);
    }
}
