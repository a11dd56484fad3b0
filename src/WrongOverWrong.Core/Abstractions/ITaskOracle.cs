namespace WrongOverWrong;

/// <summary>
/// A task: how to ask its questions, how to read a final answer from a response, and the oracle
/// that grades answers (the proxy p(a|q) and the correctness rule of the paper).
/// </summary>
public interface ITaskOracle
{
    /// <summary>The task name questions carry in <see cref="Question.Task"/> (for example <c>nlgraph-shortest-path</c>).</summary>
    string Name { get; }

    /// <summary>Whether questions of this task are multiple choice (options shown in a per-sample order).</summary>
    bool IsMultipleChoice { get; }

    /// <summary>
    /// Builds the user prompt for a question. For multiple choice, <paramref name="optionOrder"/>
    /// gives the shown order (<c>optionOrder[k]</c> = underlying option shown as letter A + k);
    /// <see langword="null"/> means canonical order.
    /// </summary>
    string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null);

    /// <summary>
    /// The second-turn instruction that asks the model to state only its final answer in the fixed
    /// form <see cref="ExtractFinalAnswer"/> parses.
    /// </summary>
    string FinalAnswerInstruction { get; }

    /// <summary>
    /// Extracts the final answer from a response (first turn or the greedy second turn), or returns
    /// <see langword="null"/> when none can be parsed. For multiple choice the shown letter is mapped
    /// back to the underlying option through <paramref name="optionOrder"/>.
    /// </summary>
    ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null);

    /// <summary>Grades a candidate's extracted answer. Unparsable candidates get <see cref="Grade.Unparsable"/>.</summary>
    Grade Grade(Question question, Candidate candidate);
}
