namespace WrongOverWrong;

/// <summary>The oracle's verdict on one answer.</summary>
/// <param name="TrainingProxy">
/// The raw oracle value that orders answers for pairing and training (higher is less wrong): for
/// example -|w - w*| for shortest path, or the share of correct blanks for Knowledge Crosswords.
/// It is not bounded to [0, 1]: never average it as a metric (p_wrong of -|w - w*| clamps to 0);
/// use <see cref="Cor"/> for evaluation.
/// </param>
/// <param name="Cor">
/// The evaluation proxy cor(a) = clip(p(a|q), 0, 1), with the task's normaliser (for shortest path
/// 1 - |w - w*| / (L - w*)): what p_wrong, mean cor and model selection average.
/// </param>
/// <param name="IsCorrect">Whether the answer is correct under the task's rule.</param>
/// <param name="Detail">Optional human-readable detail (for example, a stated path that is not valid).</param>
public sealed record Grade(double TrainingProxy, double Cor, bool IsCorrect, string? Detail = null)
{
    /// <summary>The grade of an answer that could not be parsed: training proxy -inf, cor 0, wrong.</summary>
    public static Grade Unparsable { get; } = new(double.NegativeInfinity, 0, false, "unparsable");
}
