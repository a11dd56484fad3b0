namespace WrongOverWrong.Tasks.Extraction;

/// <summary>
/// A task that can say why a response has no final answer, in addition to
/// <see cref="ITaskOracle.ExtractFinalAnswer"/> (which only returns <see langword="null"/>).
/// Every built-in oracle implements it; <see cref="AnswerSetGrader"/> puts the reason in the
/// unparsable grade's <see cref="Grade.Detail"/>.
/// </summary>
public interface IFinalAnswerReader
{
    /// <summary>
    /// Reads the final answer of a response (first turn or the second-turn reply) the way a person
    /// would, or says why there is none. Never throws on any response text.
    /// </summary>
    /// <param name="question">The question answered.</param>
    /// <param name="text">The response text.</param>
    /// <param name="optionOrder">For multiple choice: the shown order; <see langword="null"/> means canonical.</param>
    FinalAnswerReading ReadFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null);
}
