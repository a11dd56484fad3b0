using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong;

/// <summary>What an elicitor predicted for one <see cref="UngradedPair"/>.</summary>
/// <param name="Predicted">Which candidate is predicted less wrong, a tie, or an abstention.</param>
/// <param name="FirstScore">The method's score for the first candidate (score-type methods only).</param>
/// <param name="SecondScore">The method's score for the second candidate (score-type methods only).</param>
public sealed record ElicitedOrder(PairPrediction Predicted, double? FirstScore = null, double? SecondScore = null);
