namespace WrongOverWrong.Elicitation;

/// <summary>Turns two scores into a verdict: the higher score is less wrong; equal scores are a tie.</summary>
internal static class ScoreVerdicts
{
    public static PairVerdict FromScores(CandidatePair pair, string method, double? first, double? second)
    {
        if (first is not { } a || second is not { } b || double.IsNaN(a) || double.IsNaN(b))
        {
            return new PairVerdict(pair, method, VerdictKind.Abstained, first, second);
        }

        var kind = a > b ? VerdictKind.First : a < b ? VerdictKind.Second : VerdictKind.Tie;
        return new PairVerdict(pair, method, kind, a, b);
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
