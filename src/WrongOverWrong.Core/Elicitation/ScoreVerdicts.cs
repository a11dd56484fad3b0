using WrongOverWrong.Metrics;
namespace WrongOverWrong.Elicitation;

/// <summary>Turns two scores into a verdict: the higher score is less wrong; equal scores are a tie.</summary>
internal static class ScoreVerdicts
{
    /// <summary>
    /// A missing score (null batch, no log-probabilities) is an abstention. A NaN score is not: no
    /// method produces one from valid input (judge scores are integers 0-5, lengths are counts), so
    /// it is a bug or corrupt data (a NaN mean log-probability), and turning it into an abstention
    /// would hide it in the abstention count.
    /// </summary>
    public static PairVerdict FromScores(CandidatePair pair, string method, double? first, double? second)
    {
        CheckNotNaN(pair, pair.First, method, first);
        CheckNotNaN(pair, pair.Second, method, second);
        if (first is not { } a || second is not { } b)
        {
            return new PairVerdict(pair, method, PairPrediction.Abstained, first, second);
        }

        return new PairVerdict(pair, method, ScoredPair.FromScores(a, b, pair.Gold).Predicted, a, b);
    }

    private static void CheckNotNaN(CandidatePair pair, Candidate candidate, string method, double? score)
    {
        if (score is { } s && double.IsNaN(s))
        {
            throw new ArgumentException($"Method '{method}' has a NaN score for candidate {candidate.Index} of question '{pair.Set.Question.Id}'; a score must be a number (a missing one is null).", nameof(score));
        }
    }

    public static void CheckPairs(AnswerSet set, IReadOnlyList<CandidatePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var pair in pairs)
        {
            if (pair.Set.Question.Id != set.Question.Id)
            {
                throw new ArgumentException($"A pair of question '{pair.Set.Question.Id}' was passed with the answer set of question '{set.Question.Id}'.", nameof(pairs));
            }
        }
    }
}
