namespace WrongOverWrong.Elicitation;

/// <summary>
/// The log-probability heuristic: score = the response's mean token log-probability (= -mean NLL);
/// the more probable response is predicted less wrong. Pairs lacking log-probabilities abstain.
/// </summary>
public sealed class LogProbabilityElicitor : IPreferenceElicitor
{
    /// <inheritdoc />
    public string Name => "logprob";

    /// <inheritdoc />
    public Task<ElicitationResult> ElicitAsync(AnswerSet set, IReadOnlyList<UngradedPair> pairs, CancellationToken cancellationToken = default)
    {
        ScoreVerdicts.CheckPairs(set, pairs);
        IReadOnlyList<ElicitedOrder> orders = pairs
            .Select(p => ScoreVerdicts.FromScores(set.Question, p, Name, p.First.MeanLogProbability, p.Second.MeanLogProbability))
            .ToList();
        return ScoreVerdicts.Free(orders);
    }
}
