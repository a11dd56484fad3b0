namespace WrongOverWrong.Training.Sampling;

/// <summary>One sampled completion.</summary>
/// <param name="Tokens">The generated ids, including the stop token when <paramref name="FinishReason"/> is <see cref="FinishReason.Stop"/>.</param>
/// <param name="LogProbabilities">
/// Per generated token, its natural-log probability under the model's own distribution (raw logits:
/// before temperature, top-k and top-p), as OpenAI-compatible servers report log-probs, so the
/// numbers stay comparable across sampling settings.
/// </param>
/// <param name="Text">The decoded completion without the stop token, when a decoder was given.</param>
/// <param name="FinishReason">Why the completion ended.</param>
public sealed record GeneratedSequence(IReadOnlyList<int> Tokens, IReadOnlyList<double> LogProbabilities, string? Text, FinishReason FinishReason)
{
    /// <summary>Sum of <see cref="LogProbabilities"/>: the log-probability of the whole completion.</summary>
    public double SumLogProbability => LogProbabilities.Sum();

    /// <summary>Mean per-token log-probability (0 for an empty completion).</summary>
    public double MeanLogProbability => LogProbabilities.Count == 0 ? 0 : LogProbabilities.Average();
}
