using System.Globalization;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.ElicitorComparison.Tests;

/// <summary>
/// A test elicitor that reads the gold answer off the question (no real elicitor may): its score is
/// -|x - gold| (so it agrees with the oracle on every pair), or +|x - gold| when reversed (so it
/// disagrees on every pair).
/// </summary>
internal sealed class GoldDistanceElicitor(string name, bool reversed = false) : IPreferenceElicitor
{
    public string Name => name;

    public Task<ElicitationResult> ElicitAsync(AnswerSet set, IReadOnlyList<UngradedPair> pairs, CancellationToken cancellationToken = default)
    {
        var gold = double.Parse(set.Question.GoldAnswer!, CultureInfo.InvariantCulture);
        double Score(Candidate c) => (reversed ? 1 : -1) * Math.Abs(double.Parse(c.FinalAnswer!, CultureInfo.InvariantCulture) - gold);
        var orders = pairs.Select(p =>
        {
            var (a, b) = (Score(p.First), Score(p.Second));
            var predicted = a > b ? PairPrediction.First : a < b ? PairPrediction.Second : PairPrediction.Tie;
            return new ElicitedOrder(predicted, a, b);
        }).ToList();
        return Task.FromResult(new ElicitationResult(orders, new ElicitationCost(pairs.Count, 10L * pairs.Count, 2L * pairs.Count, 0)));
    }
}
