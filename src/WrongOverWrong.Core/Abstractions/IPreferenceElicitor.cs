using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong;

/// <summary>
/// Predicts which of two (wrong) answers is less wrong, without seeing the oracle: by length,
/// consistency, log-probability, or an LLM judge (phase 1, step 4 of the paper). It is given
/// ungraded candidates only, so it cannot see the oracle by construction.
/// </summary>
public interface IPreferenceElicitor
{
    /// <summary>The method name used in reports and preference files.</summary>
    string Name { get; }

    /// <summary>
    /// Orders each pair of one question's answer set. Returns one prediction per pair, in the order
    /// of <paramref name="pairs"/>, and what this call cost; an unparsable judge reply is a
    /// <see cref="PairPrediction.Abstained"/> prediction, never an exception.
    /// </summary>
    /// <param name="set">The question and all its candidates, without grades (consistency needs the whole set).</param>
    /// <param name="pairs">Pairs drawn from <paramref name="set"/>.</param>
    /// <param name="cancellationToken">Cancels elicitation.</param>
    Task<ElicitationResult> ElicitAsync(AnswerSet set, IReadOnlyList<UngradedPair> pairs, CancellationToken cancellationToken = default);
}
