using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Elicitation;

/// <summary>Turns two scores into a prediction: the higher score is less wrong; equal scores are a tie.</summary>
internal static class ScoreVerdicts
{
    /// <summary>
    /// A missing score (null batch, no log-probabilities) is an abstention. A NaN score is not: no
    /// method produces one from valid input (judge scores are integers 0-5, lengths are counts), so
    /// it is a bug or corrupt data (a NaN mean log-probability), and turning it into an abstention
    /// would hide it in the abstention count.
    /// </summary>
    public static ElicitedOrder FromScores(Question question, UngradedPair pair, string method, double? first, double? second)
    {
        CheckNotNaN(question, pair.First, method, first);
        CheckNotNaN(question, pair.Second, method, second);
        if (first is not { } a || second is not { } b)
        {
            return new ElicitedOrder(PairPrediction.Abstained, first, second);
        }

        // The gold order is not known here; the prediction does not depend on it.
        return new ElicitedOrder(ScoredPair.FromScores(a, b, PairWinner.First).Predicted, a, b);
    }

    private static void CheckNotNaN(Question question, Candidate candidate, string method, double? score)
    {
        if (score is { } s && double.IsNaN(s))
        {
            throw new ArgumentException($"Method '{method}' has a NaN score for candidate {candidate.Index} of question '{question.Id}'; a score must be a number (a missing one is null).", nameof(score));
        }
    }

    public static void CheckPairs(AnswerSet set, IReadOnlyList<UngradedPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var pair in pairs)
        {
            foreach (var candidate in (Candidate[])[pair.First, pair.Second])
            {
                if (candidate.QuestionId != set.Question.Id)
                {
                    throw new ArgumentException($"A pair of question '{candidate.QuestionId}' was passed with the answer set of question '{set.Question.Id}'.", nameof(pairs));
                }
            }
        }
    }

    /// <summary>The result of a method that makes no model calls.</summary>
    public static Task<ElicitationResult> Free(IReadOnlyList<ElicitedOrder> orders) =>
        Task.FromResult(new ElicitationResult(orders, ElicitationCost.Zero));
}
