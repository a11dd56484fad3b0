using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// Turns an ordered candidate pair into a training preference whose text is true to what the
/// candidates saw: the prompt is the one the chosen candidate was answered under (for multiple
/// choice, in its option order), and when the rejected candidate saw another order its response is
/// re-lettered into the chosen one's order (see <see cref="OptionRelettering"/>).
/// </summary>
public static class PairPreferences
{
    /// <summary>
    /// The preference with <paramref name="chosen"/> over <paramref name="rejected"/>, or
    /// <see langword="null"/> when a multiple-choice response could not be re-lettered verifiably
    /// (its final answer, read again under the chosen candidate's order, would name another option).
    /// </summary>
    /// <param name="task">The task that built the prompts.</param>
    /// <param name="question">The question both candidates answer.</param>
    /// <param name="chosen">The preferred candidate.</param>
    /// <param name="rejected">The dispreferred candidate.</param>
    /// <param name="method">The preference's source, stored on it.</param>
    /// <param name="kind">The pair's kind.</param>
    /// <param name="gap">The score gap, when the source had one.</param>
    public static Preference? Create(ITaskOracle task, Question question, Candidate chosen, Candidate rejected, string method, PairKind kind, double? gap = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(rejected);
        var order = chosen.OptionOrder;
        var rejectedText = rejected.Response;
        if (task.IsMultipleChoice && order is not null && rejected.OptionOrder is { } other && !order.SequenceEqual(other))
        {
            rejectedText = OptionRelettering.Reletter(rejected.Response, other, order);
            if (task.ExtractFinalAnswer(question, rejected.Response, other) is { OptionIndex: { } meant }
                && task.ExtractFinalAnswer(question, rejectedText, order)?.OptionIndex != meant)
            {
                return null;
            }
        }

        return new Preference
        {
            QuestionId = question.Id,
            Prompt = task.BuildPrompt(question, order),
            Chosen = chosen.Response,
            Rejected = rejectedText,
            Method = method,
            Kind = kind,
            Gap = gap,
        };
    }

    /// <summary>The preference a verdict implies (ties and abstentions give <see langword="null"/>).</summary>
    /// <param name="task">The task that built the prompts.</param>
    /// <param name="verdict">The verdict.</param>
    public static Preference? FromVerdict(ITaskOracle task, PairVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var pair = verdict.Pair;
        return verdict.Predicted switch
        {
            PairPrediction.First => Create(task, pair.Set.Question, pair.First.Candidate, pair.Second.Candidate, verdict.Method, pair.Kind, verdict.Gap),
            PairPrediction.Second => Create(task, pair.Set.Question, pair.Second.Candidate, pair.First.Candidate, verdict.Method, pair.Kind, verdict.Gap),
            _ => null,
        };
    }

    /// <summary>The preference in the oracle's order (the better candidate chosen).</summary>
    /// <param name="task">The task that built the prompts.</param>
    /// <param name="pair">The pair.</param>
    /// <param name="method">The source's name.</param>
    public static Preference? FromOracle(ITaskOracle task, CandidatePair pair, string method)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return Create(task, pair.Set.Question, pair.Better.Candidate, pair.Worse.Candidate, method, pair.Kind);
    }
}
