using System.Text;
using System.Text.RegularExpressions;

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
public abstract partial class MultipleChoiceOracle : ITaskOracle
{
    /// <summary>How many words after an answer cue are searched for the letter.</summary>
    private const int MaxWordsAfterCue = 6;

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
    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = OptionsOf(question);
        var order = optionOrder ?? OptionPermutation.Identity(options.Count);
        OptionPermutation.Validate(order, options.Count, nameof(optionOrder));
        var shown = StatedLetter(text, order.Count);
        if (shown is null)
        {
            var bare = BareLetterPattern().Match(text.Trim());
            shown = bare.Success ? bare.Groups[1].Value[0] - 'A' : null;
        }

        if (shown is not { } position || position >= order.Count)
        {
            return null; // no letter, or a letter beyond the shown options, is no answer
        }

        var underlying = order[position];
        return new ExtractedAnswer(options[underlying].Text, OptionIndex: underlying);
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

    /// <summary>
    /// The shown position (0 = A) of the letter stated after the last answer cue ("answer is",
    /// "answer:") that states one; <see langword="null"/> when none does, and also when the last
    /// stated letter lies beyond the <paramref name="optionCount"/> shown options (the model's final
    /// answer is then no option, and an earlier cue must not stand in for it).
    /// </summary>
    /// <remarks>
    /// After a cue, up to <see cref="MaxWordsAfterCue"/> words of the same sentence are read. A word
    /// counts as a letter when, stripped of wrappers ("(B)", "[B]", "**B**", "B."), it is one capital
    /// letter; lower-case letters never count ("the answer is a good one"). Other words ("I think",
    /// "option", "clearly") are filler and skipped. The one ambiguous word is "I": it is option I when
    /// there are at least nine options AND it ends the sentence or is followed by punctuation ("The
    /// answer is I.", "answer: I, because"); followed by another word it is the pronoun ("The answer
    /// is I think B") and is skipped, whatever the option count.
    /// </remarks>
    private static int? StatedLetter(string text, int optionCount)
    {
        var cues = AnswerCuePattern().Matches(text);
        for (var c = cues.Count - 1; c >= 0; c--)
        {
            var start = cues[c].Index + cues[c].Length;
            var end = SentenceEndPattern().Match(text, start) is { Success: true } stop ? stop.Index : text.Length;
            var words = text[start..end].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (var w = 0; w < words.Length && w < MaxWordsAfterCue; w++)
            {
                var word = LetterWordPattern().Match(words[w]);
                if (!word.Success)
                {
                    continue; // filler
                }

                var letter = word.Groups["letter"].Value[0];
                var endsClause = w == words.Length - 1 || word.Groups["punctuation"].Length > 0;
                if (letter == 'I' && !endsClause)
                {
                    continue; // the pronoun: "The answer is I think B"
                }

                var position = letter - 'A';
                return position < optionCount ? position : null;
            }
        }

        return null;
    }

    // "The answer is B.", "answer is (B)", "The answer is: D", "Answer: **C**", "the correct answer is I think B".
    [GeneratedRegex(@"(?i:answer)\s*(?:(?i:is)\s*:?|:)", RegexOptions.CultureInvariant)]
    private static partial Regex AnswerCuePattern();

    // The cue's sentence ends at a newline or at '.', '!' or '?' followed by space or the end.
    [GeneratedRegex(@"\n|[.!?](?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEndPattern();

    // One whitespace-free word that is a single capital letter in optional wrappers and punctuation.
    [GeneratedRegex(@"^[\(\[*""'“]*(?<letter>[A-Z])[\)\]*""'”]*(?<punctuation>[.,;:!?]*)[\)\]*""'”]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LetterWordPattern();

    // A second-turn reply that is just the letter: "B", "(B)", "B.".
    [GeneratedRegex(@"^[\(\[*]*([A-Z])[\)\]*]*\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex BareLetterPattern();
}
