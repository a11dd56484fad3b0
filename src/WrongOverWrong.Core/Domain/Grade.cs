namespace WrongOverWrong;

/// <summary>The oracle's verdict on one answer.</summary>
/// <param name="Proxy">
/// The raw oracle value that orders answers (higher is less wrong): for example -|w - w*| for
/// shortest path during training, or the share of correct blanks for Knowledge Crosswords.
/// </param>
/// <param name="ClippedProxy">The evaluation proxy cor(a) = clip(p(a|q), 0, 1) used by p_wrong.</param>
/// <param name="IsCorrect">Whether the answer is correct under the task's rule.</param>
/// <param name="Detail">Optional human-readable detail (for example, a stated path that is not valid).</param>
public sealed record Grade(double Proxy, double ClippedProxy, bool IsCorrect, string? Detail = null)
{
    /// <summary>The grade of an answer that could not be parsed: proxy 0, wrong.</summary>
    public static Grade Unparsable { get; } = new(double.NegativeInfinity, 0, false, "unparsable");
}
