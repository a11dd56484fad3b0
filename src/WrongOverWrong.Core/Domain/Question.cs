namespace WrongOverWrong;

/// <summary>
/// One question of a task: the text a model is asked, the options for multiple choice, and the
/// gold data its task's oracle needs to grade answers.
/// </summary>
/// <remarks>
/// Elicitors see the question text and the option texts only; the option proxies and the gold
/// answer are oracle data, used to know which answers are wrong and to score results.
/// </remarks>
public sealed record Question
{
    /// <summary>Stable identifier, unique within a data set (used for resume and pairing).</summary>
    public required string Id { get; init; }

    /// <summary>Name of the task that grades this question (see <see cref="ITaskOracle.Name"/>).</summary>
    public required string Task { get; init; }

    /// <summary>The question text, without the options of a multiple-choice question.</summary>
    public required string Prompt { get; init; }

    /// <summary>Answer options in their canonical (underlying) order, or <see langword="null"/> for free-text tasks.</summary>
    public IReadOnlyList<AnswerOption>? Options { get; init; }

    /// <summary>The gold final answer as the data set states it, when it has one.</summary>
    public string? GoldAnswer { get; init; }

    /// <summary>Task-specific extra fields (difficulty, source file, ...), kept through round trips.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
