namespace WrongOverWrong.Tasks.Extraction;

/// <summary>
/// The result of reading a final answer from a response: the answer, or the reason none could be
/// read (nothing stated, or two statements that disagree).
/// </summary>
/// <param name="Answer">The answer read; <see langword="null"/> when the response is unparsable.</param>
/// <param name="Reason">Why the response is unparsable (for example "conflicting final statements: 4 vs 6"); <see langword="null"/> when an answer was read.</param>
public sealed record FinalAnswerReading(ExtractedAnswer? Answer, string? Reason)
{
    /// <summary>The reason given when a response states no answer at all.</summary>
    public const string NothingStated = "no final answer stated";

    /// <summary>Whether an answer was read.</summary>
    public bool IsParsable => Answer is not null;

    /// <summary>A reading that found <paramref name="answer"/>.</summary>
    /// <param name="answer">The answer read.</param>
    public static FinalAnswerReading Read(ExtractedAnswer answer) => new(answer ?? throw new ArgumentNullException(nameof(answer)), null);

    /// <summary>An unparsable reading and why.</summary>
    /// <param name="reason">What a person would say is missing or contradictory.</param>
    public static FinalAnswerReading Unparsable(string reason) => new(null, reason ?? throw new ArgumentNullException(nameof(reason)));
}
