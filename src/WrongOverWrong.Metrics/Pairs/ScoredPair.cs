namespace WrongOverWrong.Metrics.Pairs;

/// <summary>
/// One judged pair of answers as Acc_WoW sees it: the method's score gap, its predicted outcome and
/// the oracle's order.
/// </summary>
/// <param name="Gap">
/// The method's score gap |s1 - s2| used by margin filters; <see langword="null"/> for pairwise
/// verdicts, which have no gap (and for abstentions). Must be non-negative and not NaN when present;
/// <see cref="double.PositiveInfinity"/> is allowed and ranks above every finite gap (see
/// <see cref="GapBetween"/>).
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
    /// score means the method abstained; equal scores are a tie with gap 0. Infinite scores are
    /// allowed (a mean log-probability of -inf): see <see cref="GapBetween"/>.
    /// </summary>
    /// <param name="firstScore">The method's score for the first answer, or <see langword="null"/> if it gave none.</param>
    /// <param name="secondScore">The method's score for the second answer, or <see langword="null"/> if it gave none.</param>
    /// <param name="gold">Which answer the oracle says is less wrong.</param>
    /// <exception cref="ArgumentException">A score is NaN.</exception>
    public static ScoredPair FromScores(double? firstScore, double? secondScore, PairWinner gold)
    {
        if (firstScore is not { } a || secondScore is not { } b)
        {
            return new ScoredPair(null, PairPrediction.Abstained, gold);
        }

        if (double.IsNaN(a))
        {
            throw new ArgumentException("The first score must be a number, got NaN.", nameof(firstScore));
        }

        if (double.IsNaN(b))
        {
            throw new ArgumentException("The second score must be a number, got NaN.", nameof(secondScore));
        }

        var predicted = a > b ? PairPrediction.First : a < b ? PairPrediction.Second : PairPrediction.Tie;
        return new ScoredPair(GapBetween(a, b), predicted, gold);
    }

    /// <summary>
    /// The score gap |s1 - s2|, the one rule for every score-type method. Equal scores (infinite ones
    /// included) have gap 0, a tie. When exactly one score is infinite (a mean log-probability of
    /// -inf next to a finite one) the gap is <see cref="double.PositiveInfinity"/>: the order is
    /// certain, so the pair ranks above every finite gap and every margin keeps it first.
    /// </summary>
    /// <param name="firstScore">The first score; not NaN.</param>
    /// <param name="secondScore">The second score; not NaN.</param>
    /// <returns>A non-negative gap, possibly <see cref="double.PositiveInfinity"/>.</returns>
    /// <exception cref="ArgumentException">A score is NaN.</exception>
    public static double GapBetween(double firstScore, double secondScore)
    {
        if (double.IsNaN(firstScore) || double.IsNaN(secondScore))
        {
            throw new ArgumentException($"Scores must be numbers, got {firstScore} and {secondScore}.", double.IsNaN(firstScore) ? nameof(firstScore) : nameof(secondScore));
        }

        return firstScore == secondScore ? 0.0 : Math.Abs(firstScore - secondScore);
    }

    /// <summary>Builds a pair from a pairwise verdict, which has no score gap.</summary>
    /// <param name="predicted">What the method predicted.</param>
    /// <param name="gold">Which answer the oracle says is less wrong.</param>
    public static ScoredPair FromVerdict(PairPrediction predicted, PairWinner gold) => new(null, predicted, gold);
}
