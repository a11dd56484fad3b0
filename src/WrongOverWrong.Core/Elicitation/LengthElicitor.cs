namespace WrongOverWrong.Elicitation;

/// <summary>
/// The length heuristic: the longer response is predicted less wrong (score = token count).
/// </summary>
/// <remarks>
/// Token counts come from the generator's usage report. When any candidate of a set lacks one, the
/// whole set is scored by character count instead, so that a question never mixes the two units.
/// </remarks>
public sealed class LengthElicitor : IPreferenceElicitor, IReportsElicitationCost
{
    /// <inheritdoc />
    public string Name => "length";

    /// <inheritdoc />
    public ElicitationCost Cost => ElicitationCost.Zero;

    /// <inheritdoc />
    public Task<IReadOnlyList<PairVerdict>> ElicitAsync(AnswerSet set, IReadOnlyList<CandidatePair> pairs, CancellationToken cancellationToken = default)
    {
        ScoreVerdicts.CheckPairs(set, pairs);
        var useTokens = set.Candidates.All(c => c.TokenCount is not null)
            && pairs.All(p => p.First.TokenCount is not null && p.Second.TokenCount is not null);
        double Score(Candidate c) => useTokens ? c.TokenCount!.Value : c.Response.Length;
        IReadOnlyList<PairVerdict> verdicts = pairs.Select(p => ScoreVerdicts.FromScores(p, Name, Score(p.First), Score(p.Second))).ToList();
        return Task.FromResult(verdicts);
    }
}
