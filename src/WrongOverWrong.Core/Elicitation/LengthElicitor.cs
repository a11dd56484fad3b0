namespace WrongOverWrong.Elicitation;

/// <summary>
/// The length heuristic: the longer response is predicted less wrong (score = token count).
/// </summary>
/// <remarks>
/// Token counts come from the generator's usage report. When any candidate of a set lacks one, the
/// whole set is scored by character count instead, so that a question never mixes the two units.
/// </remarks>
public sealed class LengthElicitor : IPreferenceElicitor
{
    /// <inheritdoc />
    public string Name => "length";

    /// <inheritdoc />
    public Task<ElicitationResult> ElicitAsync(AnswerSet set, IReadOnlyList<UngradedPair> pairs, CancellationToken cancellationToken = default)
    {
        ScoreVerdicts.CheckPairs(set, pairs);
        var useTokens = set.Candidates.All(c => c.TokenCount is not null)
            && pairs.All(p => p.First.TokenCount is not null && p.Second.TokenCount is not null);
        double Score(Candidate c) => useTokens ? c.TokenCount!.Value : c.Response.Length;
        IReadOnlyList<ElicitedOrder> orders = pairs.Select(p => ScoreVerdicts.FromScores(set.Question, p, Name, Score(p.First), Score(p.Second))).ToList();
        return ScoreVerdicts.Free(orders);
    }
}
