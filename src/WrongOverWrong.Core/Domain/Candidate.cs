namespace WrongOverWrong;

/// <summary>
/// One sampled response to a question: the text, its extracted final answer, its mean token
/// log-probability and the generator that produced it. It holds no grade: the oracle's verdict
/// lives on <see cref="GradedCandidate"/>, so what elicitors see cannot reveal it.
/// </summary>
public sealed record Candidate
{
    /// <summary>The question this candidate answers.</summary>
    public required string QuestionId { get; init; }

    /// <summary>Position of this sample within its answer set (0-based, stable across files).</summary>
    public required int Index { get; init; }

    /// <summary>Name of the model or endpoint that produced the response.</summary>
    public required string Generator { get; init; }

    /// <summary>The full response text (first turn).</summary>
    public required string Response { get; init; }

    /// <summary>The extracted final answer, normalised by the task; <see langword="null"/> when unparsable.</summary>
    public string? FinalAnswer { get; init; }

    /// <summary>
    /// For multiple choice: the underlying (canonical) option the answer picked, after mapping the
    /// shown letter back through <see cref="OptionOrder"/>; <see langword="null"/> when unparsable or free text.
    /// </summary>
    public int? OptionIndex { get; init; }

    /// <summary>
    /// For multiple choice: the order in which options were shown. <c>OptionOrder[k]</c> is the
    /// underlying option index shown at position k (letter A + k).
    /// </summary>
    public IReadOnlyList<int>? OptionOrder { get; init; }

    /// <summary>Mean token log-probability of the response, when the generator reported log-probs.</summary>
    public double? MeanLogProbability { get; init; }

    /// <summary>Number of tokens in the response, when known (the length heuristic uses it).</summary>
    public int? TokenCount { get; init; }

    /// <summary>Whether a final answer could be extracted.</summary>
    public bool IsParsable => FinalAnswer is not null;
}
