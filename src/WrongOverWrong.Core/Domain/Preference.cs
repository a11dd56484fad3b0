namespace WrongOverWrong;

/// <summary>
/// A training preference: for one prompt, a chosen (less wrong) and a rejected response. This is
/// what preference optimizers consume and what TRL's paired format stores.
/// </summary>
public sealed record Preference
{
    /// <summary>The question the pair came from.</summary>
    public required string QuestionId { get; init; }

    /// <summary>The prompt (the user turn the responses answer).</summary>
    public required string Prompt { get; init; }

    /// <summary>The preferred response.</summary>
    public required string Chosen { get; init; }

    /// <summary>The dispreferred response.</summary>
    public required string Rejected { get; init; }

    /// <summary>The source of the preference (oracle, an elicitor's name, random control, ...).</summary>
    public string? Method { get; init; }

    /// <summary>Whether the pair is wrong-over-wrong or right-over-wrong, when known.</summary>
    public PairKind? Kind { get; init; }

    /// <summary>
    /// The score gap |s1 - s2| that ranked this pair for margin filtering, when the source had one
    /// (+inf when exactly one score was infinite; written to JSON as <c>"Infinity"</c>).
    /// </summary>
    public double? Gap { get; init; }
}
