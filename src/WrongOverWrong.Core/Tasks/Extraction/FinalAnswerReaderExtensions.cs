namespace WrongOverWrong.Tasks.Extraction;

/// <summary>Reading a response and its second-turn reply together.</summary>
public static class FinalAnswerReaderExtensions
{
    /// <summary>
    /// Reads both turns of an answer: the first response and the reply to
    /// <see cref="ITaskOracle.FinalAnswerInstruction"/>. When both state an answer they must agree
    /// (otherwise the model contradicts itself and the answer is unparsable, with both readings in
    /// the reason); when only one states an answer, that one is the answer.
    /// </summary>
    /// <param name="reader">The task's reader.</param>
    /// <param name="question">The question answered.</param>
    /// <param name="firstTurn">The first response.</param>
    /// <param name="secondTurn">The second-turn reply, or <see langword="null"/> when none was asked.</param>
    /// <param name="optionOrder">For multiple choice: the shown order.</param>
    public static FinalAnswerReading ReadTurns(this IFinalAnswerReader reader, Question question, string firstTurn, string? secondTurn, IReadOnlyList<int>? optionOrder = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var first = reader.ReadFinalAnswer(question, firstTurn, optionOrder);
        if (secondTurn is null)
        {
            return first;
        }

        var second = reader.ReadFinalAnswer(question, secondTurn, optionOrder);
        return (first.Answer, second.Answer) switch
        {
            (null, null) => FinalAnswerReading.Unparsable($"first turn: {first.Reason}; second turn: {second.Reason}"),
            (null, _) => second,
            (_, null) => first,
            ({ } a, { } b) when Same(a, b) => second,
            ({ } a, { } b) => FinalAnswerReading.Unparsable($"the turns disagree: the response states {a.Text}, the final-answer reply {b.Text}"),
        };
    }

    // Numbers compare by value ("4" and "4.0"), options by the underlying option, anything else by text.
    private static bool Same(ExtractedAnswer a, ExtractedAnswer b) =>
        a.Value is { } x && b.Value is { } y ? x == y
        : a.OptionIndex is { } i && b.OptionIndex is { } j ? i == j
        : string.Equals(a.Text, b.Text, StringComparison.Ordinal);
}
