namespace WrongOverWrong.Metrics;

/// <summary>
/// One judged pair of answers as Acc_WoW sees it: the method's score gap, its predicted outcome and
/// the oracle's order.
/// </summary>
/// <param name="Gap">
/// The method's score gap |s1 - s2| used by margin filters; <see langword="null"/> for pairwise
/// verdicts, which have no gap (and for abstentions). Must be finite and non-negative when present.
/// </param>
/// <param name="Predicted">What the method predicted.</param>
/// <param name="Gold">Which answer the oracle says is less wrong.</param>
public readonly record struct ScoredPair(double? Gap, PairPrediction Predicted, PairWinner Gold)
{
    /// <summary>Whether the prediction matches the oracle. Ties and abstentions never do.</summary>
    public bool IsCorrect =>
        (Predicted == PairPrediction.First && Gold == PairWinner.First)
        || (Predicted == PairPrediction.Second && Gold == PairWinner.Second);

    /// <summary>
    /// Builds a pair from a score-type method's two scores (higher = predicted less wrong). A missing
    /// score means the method abstained; equal scores are a tie with gap 0.
    /// </summary>
    /// <param name="firstScore">The method's score for the first answer, or <see langword="null"/> if it gave none.</param>
    /// <param name="secondScore">The method's score for the second answer, or <see langword="null"/> if it gave none.</param>
    /// <param name="gold">Which answer the oracle says is less wrong.</param>
    /// <exception cref="ArgumentException">A score is NaN or infinite.</exception>
    public static ScoredPair FromScores(double? firstScore, double? secondScore, PairWinner gold)
    {
        if (firstScore is not { } a || secondScore is not { } b)
        {
            return new ScoredPair(null, PairPrediction.Abstained, gold);
        }

        if (!double.IsFinite(a))
        {
            throw new ArgumentException($"The first score must be finite, got {a}.", nameof(firstScore));
        }

        if (!double.IsFinite(b))
        {
            throw new ArgumentException($"The second score must be finite, got {b}.", nameof(secondScore));
        }

        var predicted = a > b ? PairPrediction.First : a < b ? PairPrediction.Second : PairPrediction.Tie;
        return new ScoredPair(Math.Abs(a - b), predicted, gold);
    }

    /// <summary>Builds a pair from a pairwise verdict, which has no score gap.</summary>
    /// <param name="predicted">What the method predicted.</param>
    /// <param name="gold">Which answer the oracle says is less wrong.</param>
    public static ScoredPair FromVerdict(PairPrediction predicted, PairWinner gold) => new(null, predicted, gold);
}
