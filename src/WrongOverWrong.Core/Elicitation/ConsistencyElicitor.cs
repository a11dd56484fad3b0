using System.Globalization;

namespace WrongOverWrong.Elicitation;

/// <summary>
/// The consistency heuristic: score = share of the question's parsable samples that reached the
/// same final answer; the more frequent answer is predicted less wrong.
/// </summary>
/// <remarks>
/// For multiple choice the underlying option (<see cref="Candidate.OptionIndex"/>) is counted, not the
/// shown letter, which differs between permuted samples (the authors' code counted letters). Free-text
/// answers are compared by <see cref="Candidate.FinalAnswer"/>, which the task has normalised.
/// A pair with an unparsable candidate abstains.
/// </remarks>
public sealed class ConsistencyElicitor : IPreferenceElicitor
{
    /// <inheritdoc />
    public string Name => "consistency";

    /// <inheritdoc />
    public Task<ElicitationResult> ElicitAsync(AnswerSet set, IReadOnlyList<UngradedPair> pairs, CancellationToken cancellationToken = default)
    {
        ScoreVerdicts.CheckPairs(set, pairs);
        var keys = set.Candidates.Select(Key).Where(k => k is not null).ToList();
        var counts = keys.GroupBy(k => k!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        double? Score(Candidate c) => Key(c) is { } k && counts.TryGetValue(k, out var n) ? (double)n / keys.Count : null;
        IReadOnlyList<ElicitedOrder> orders = pairs.Select(p => ScoreVerdicts.FromScores(set.Question, p, Name, Score(p.First), Score(p.Second))).ToList();
        return ScoreVerdicts.Free(orders);
    }

    private static string? Key(Candidate c) =>
        c.OptionIndex is { } option ? "option:" + option.ToString(CultureInfo.InvariantCulture)
        : c.FinalAnswer is { } answer ? "answer:" + answer
        : null;
}
