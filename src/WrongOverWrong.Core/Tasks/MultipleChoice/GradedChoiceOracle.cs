namespace WrongOverWrong.Tasks.MultipleChoice;

/// <summary>
/// Multiple choice with a graded proxy per option given in the data: COM2 and HellaSwag
/// (plausibility scores, gold set to 1) and chess puzzles (engine win chances, see
/// <see cref="ChessWinChance"/>). The proxy of the chosen option orders wrong answers.
/// </summary>
public sealed class GradedChoiceOracle : MultipleChoiceOracle
{
    /// <inheritdoc />
    public override string Name => TaskNames.GradedChoice;

    /// <summary>
    /// Builds a graded-choice question: the gold option gets proxy 1 (the paper's rule) and is the
    /// only correct one; the others keep their data proxies.
    /// </summary>
    /// <param name="id">The question id.</param>
    /// <param name="prompt">The question text, without options.</param>
    /// <param name="options">The option texts, in canonical order.</param>
    /// <param name="proxies">One proxy per option in [0, 1].</param>
    /// <param name="goldIndex">The index of the gold option.</param>
    public static Question CreateQuestion(string id, string prompt, IReadOnlyList<string> options, IReadOnlyList<double> proxies, int goldIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(proxies);
        if (proxies.Count != options.Count)
        {
            throw new ArgumentException($"Question '{id}': {options.Count} options but {proxies.Count} proxies.", nameof(proxies));
        }

        if (goldIndex < 0 || goldIndex >= options.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(goldIndex), goldIndex, $"Question '{id}': gold index outside the {options.Count} options.");
        }

        var built = options.Select((text, i) => new AnswerOption(text, i == goldIndex ? 1.0 : proxies[i], i == goldIndex)).ToArray();
        return new Question { Id = id, Task = TaskNames.GradedChoice, Prompt = prompt, Options = built, GoldAnswer = options[goldIndex] };
    }
}
