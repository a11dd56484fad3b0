namespace WrongOverWrong.Elicitation;

/// <summary>
/// The log-probability heuristic: score = the response's mean token log-probability (= -mean NLL);
/// the more probable response is predicted less wrong. Pairs lacking log-probabilities abstain.
/// </summary>
public sealed class LogProbabilityElicitor : IPreferenceElicitor, IReportsElicitationCost
{
    /// <inheritdoc />
    public string Name => "logprob";

    /// <inheritdoc />
    public ElicitationCost Cost => ElicitationCost.Zero;

    /// <inheritdoc />
    public Task<IReadOnlyList<PairVerdict>> ElicitAsync(AnswerSet set, IReadOnlyList<CandidatePair> pairs, CancellationToken cancellationToken = default)
    {
        ScoreVerdicts.CheckPairs(set, pairs);
        IReadOnlyList<PairVerdict> verdicts = pairs
            .Select(p => ScoreVerdicts.FromScores(p, Name, p.First.MeanLogProbability, p.Second.MeanLogProbability))
            .ToList();
        return Task.FromResult(verdicts);
    }
}
