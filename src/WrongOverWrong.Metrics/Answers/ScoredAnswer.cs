namespace WrongOverWrong.Metrics.Answers;

/// <summary>
/// One graded answer, for APIs that take answers as records rather than parallel spans (chiefly
/// the per-question bootstrap overloads).
/// </summary>
/// <param name="Proxy">cor(a) = clip(p(a|q), 0, 1), in [0, 1] (values outside are refused). Unparsable answers: 0.</param>
/// <param name="Correct">Whether the answer is correct. Unparsable answers: <see langword="false"/>.</param>
/// <param name="Confidence">The model's confidence in [0, 1], when known; calibration metrics need it.</param>
public readonly record struct ScoredAnswer(double Proxy, bool Correct, double? Confidence = null);
