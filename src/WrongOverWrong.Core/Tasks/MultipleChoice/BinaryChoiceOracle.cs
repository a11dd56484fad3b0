namespace WrongOverWrong.Tasks.MultipleChoice;

/// <summary>
/// Multiple choice with a right-or-wrong verdict only (MedMCQA): proxy 1 for the gold option, 0
/// for every other. All wrong answers tie, so the oracle forms no wrong-over-wrong pairs; only
/// judge-based WoW and right-over-wrong pairs apply, as in the paper.
/// </summary>
public sealed class BinaryChoiceOracle : MultipleChoiceOracle
{
    /// <inheritdoc />
    public override string Name => TaskNames.BinaryChoice;

    /// <summary>Builds a binary-choice question with one gold option.</summary>
    /// <param name="id">The question id.</param>
    /// <param name="prompt">The question text, without options.</param>
    /// <param name="options">The option texts, in canonical order.</param>
    /// <param name="goldIndex">The index of the gold option.</param>
    public static Question CreateQuestion(string id, string prompt, IReadOnlyList<string> options, int goldIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (goldIndex < 0 || goldIndex >= options.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(goldIndex), goldIndex, $"Question '{id}': gold index outside the {options.Count} options.");
        }

        var built = options.Select((text, i) => new AnswerOption(text, i == goldIndex ? 1.0 : 0.0, i == goldIndex)).ToArray();
        return new Question { Id = id, Task = TaskNames.BinaryChoice, Prompt = prompt, Options = built, GoldAnswer = options[goldIndex] };
    }

    /// <inheritdoc />
    protected override Grade GradeOption(AnswerOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var value = option.IsCorrect ? 1.0 : 0.0; // the data's proxies are ignored: binary by definition
        return new Grade(value, value, option.IsCorrect);
    }
}
