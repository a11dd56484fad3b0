using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>
/// How often two elicitors order a pair the same way, over the pairs both decided (predicted First
/// or Second: ties and abstentions decide nothing). With itself, an elicitor agrees on every pair it
/// decided, so the diagonal shows how many pairs each method decided.
/// </summary>
/// <param name="First">One elicitor.</param>
/// <param name="Second">The other (the same for the diagonal).</param>
/// <param name="BothDecided">Pairs both decided.</param>
/// <param name="Same">Of those, pairs they ordered the same way.</param>
/// <param name="Rate">Same / both decided; NaN when they decided no pair in common.</param>
public sealed record PairAgreement(string First, string Second, int BothDecided, int Same, double Rate)
{
    /// <summary>The agreement of two verdict lists over the same pairs, in the same order.</summary>
    /// <param name="first">The first elicitor's name.</param>
    /// <param name="firstVerdicts">Its verdicts.</param>
    /// <param name="second">The second elicitor's name.</param>
    /// <param name="secondVerdicts">Its verdicts, position by position for the same pairs.</param>
    /// <exception cref="ArgumentException">The lists differ in length or a position holds two different pairs.</exception>
    public static PairAgreement Of(string first, IReadOnlyList<PairVerdict> firstVerdicts, string second, IReadOnlyList<PairVerdict> secondVerdicts)
    {
        ArgumentNullException.ThrowIfNull(firstVerdicts);
        ArgumentNullException.ThrowIfNull(secondVerdicts);
        if (firstVerdicts.Count != secondVerdicts.Count)
        {
            throw new ArgumentException($"'{first}' has {firstVerdicts.Count} verdicts and '{second}' {secondVerdicts.Count}; agreement needs both over the same pairs.", nameof(secondVerdicts));
        }

        int both = 0, same = 0;
        for (var i = 0; i < firstVerdicts.Count; i++)
        {
            var (a, b) = (firstVerdicts[i], secondVerdicts[i]);
            if (!SamePair(a.Pair, b.Pair))
            {
                throw new ArgumentException($"Position {i} holds different pairs for '{first}' and '{second}' (question '{a.Pair.Set.Question.Id}' vs '{b.Pair.Set.Question.Id}').", nameof(secondVerdicts));
            }

            if (Decided(a.Predicted) && Decided(b.Predicted))
            {
                both++;
                same += a.Predicted == b.Predicted ? 1 : 0;
            }
        }

        return new PairAgreement(first, second, both, same, both == 0 ? double.NaN : (double)same / both);
    }

    private static bool Decided(PairPrediction p) => p is PairPrediction.First or PairPrediction.Second;

    private static bool SamePair(CandidatePair a, CandidatePair b) =>
        a.Set.Question.Id == b.Set.Question.Id && a.First.Index == b.First.Index && a.Second.Index == b.Second.Index;
}
