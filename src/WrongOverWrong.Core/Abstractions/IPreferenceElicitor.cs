using WrongOverWrong.Metrics;
namespace WrongOverWrong;

/// <summary>
/// Predicts which of two (wrong) answers is less wrong, without seeing the oracle: by length,
/// consistency, log-probability, or an LLM judge (phase 1, step 4 of the paper).
/// </summary>
public interface IPreferenceElicitor
{
    /// <summary>The method name used in reports and preference files.</summary>
    string Name { get; }

    /// <summary>
    /// Orders each pair of one question's answer set. Returns one verdict per pair, in the order of
    /// <paramref name="pairs"/>; an unparsable judge reply is an <see cref="PairPrediction.Abstained"/>
    /// verdict, never an exception.
    /// </summary>
    /// <param name="set">The question and all its candidates (consistency needs the whole set).</param>
    /// <param name="pairs">Pairs drawn from <paramref name="set"/>.</param>
    /// <param name="cancellationToken">Cancels elicitation.</param>
    Task<IReadOnlyList<PairVerdict>> ElicitAsync(AnswerSet set, IReadOnlyList<CandidatePair> pairs, CancellationToken cancellationToken = default);
}
