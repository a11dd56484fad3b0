using System.Text;
using WrongOverWrong.Tasks.Extraction;

namespace WrongOverWrong.Tasks.MultipleChoice;

/// <summary>
/// Shared behaviour of the multiple-choice tasks: options shown as "A. ...", "B. ..." in a
/// per-sample order, the final answer read as a letter and mapped back to the underlying option,
/// and the grade taken from that option's proxy.
/// </summary>
/// <remarks>
/// The extracted <see cref="ExtractedAnswer.Text"/> is the underlying option's text, never the
/// shown letter, so consistency counts options, not letters (the paper's authors counted letters).
/// </remarks>
public abstract class MultipleChoiceOracle : ITaskOracle, IFinalAnswerReader
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public bool IsMultipleChoice => true;

    /// <inheritdoc />
    public virtual string FinalAnswerInstruction =>
        "State only your final answer, in exactly this form: \"The answer is <letter>.\"";

    /// <inheritdoc />
    public virtual string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null)
    {
        var options = OptionsOf(question);
        var order = optionOrder ?? OptionPermutation.Identity(options.Count);
        OptionPermutation.Validate(order, options.Count, nameof(optionOrder));
        var builder = new StringBuilder(question.Prompt.TrimEnd());
        builder.Append("\n\n");
        for (var k = 0; k < order.Count; k++)
        {
            builder.Append(Letter(k)).Append(". ").Append(options[order[k]].Text).Append('\n');
        }

        builder.Append("\nThink step by step, then end your answer with \"The answer is <letter>.\"");
        return builder.ToString();
    }

    /// <inheritdoc />
    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null) =>
        ReadFinalAnswer(question, text, optionOrder).Answer;

    /// <inheritdoc />
    /// <remarks>The rules (cues, negation, option texts, conflicts) are listed in the Core README, section "Answer extraction".</remarks>
    public FinalAnswerReading ReadFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = OptionsOf(question);
        var order = optionOrder ?? OptionPermutation.Identity(options.Count);
        OptionPermutation.Validate(order, options.Count, nameof(optionOrder));
        var (position, reason) = OptionAnswerReader.Read(text, [.. order.Select(i => options[i].Text)]);
        if (position is not { } shown)
        {
            return FinalAnswerReading.Unparsable(reason ?? "no option stated");
        }

        var underlying = order[shown];
        return FinalAnswerReading.Read(new ExtractedAnswer(options[underlying].Text, OptionIndex: underlying));
    }

    /// <inheritdoc />
    public Grade Grade(Question question, Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var options = OptionsOf(question);
        var index = candidate.OptionIndex;
        if (index is null && candidate.FinalAnswer is { } answer)
        {
            // A file may carry the normalised text only: find the option it names.
            var found = options.Select((o, i) => (o, i)).Where(x => string.Equals(x.o.Text, answer, StringComparison.Ordinal)).ToList();
            index = found.Count == 1 ? found[0].i : null;
        }

        if (index is not { } i2 || i2 < 0 || i2 >= options.Count)
        {
            return WrongOverWrong.Grade.Unparsable;
        }

        return GradeOption(options[i2]);
    }

    /// <summary>The letter shown at position <paramref name="position"/> (0 = A).</summary>
    /// <param name="position">The shown position.</param>
    public static char Letter(int position) => position is >= 0 and < 26
        ? (char)('A' + position)
        : throw new ArgumentOutOfRangeException(nameof(position), position, "At most 26 options can be shown as letters.");

    /// <summary>Grades the chosen option; the default uses its proxy, clipped to [0, 1].</summary>
    /// <param name="option">The underlying option the answer picked.</param>
    protected virtual Grade GradeOption(AnswerOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return new Grade(option.Proxy, Math.Clamp(option.Proxy, 0, 1), option.IsCorrect);
    }

    /// <summary>The question's options, checked to exist.</summary>
    /// <param name="question">The question.</param>
    /// <exception cref="ArgumentException">The question has fewer than two options or more than 26.</exception>
    protected static IReadOnlyList<AnswerOption> OptionsOf(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Options is { Count: >= 2 and <= 26 } options
            ? options
            : throw new ArgumentException($"Question '{question.Id}' needs 2 to 26 options for a multiple-choice task.", nameof(question));
    }
}
