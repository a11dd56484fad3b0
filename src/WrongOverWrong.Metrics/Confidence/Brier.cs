using WrongOverWrong.Metrics.Internal;

namespace WrongOverWrong.Metrics.Confidence;

/// <summary>
/// The Brier score of confidences against correctness: a proper scoring rule, so unlike ECE it
/// needs no binning and cannot be gamed by predicting the base rate everywhere.
/// </summary>
public static class Brier
{
    /// <summary>Mean squared difference between confidence and correctness (1 or 0); lower is better.</summary>
    /// <param name="confidences">Each answer's confidence, in [0, 1].</param>
    /// <param name="correct">Whether each answer is correct.</param>
    /// <returns>The Brier score, in [0, 1].</returns>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths or a confidence outside [0, 1] or NaN.</exception>
    public static double Score(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct)
    {
        Guard.NotEmpty(confidences.Length, nameof(confidences));
        Guard.SameLength(confidences.Length, correct.Length, nameof(confidences), nameof(correct));
        Guard.Probabilities(confidences, nameof(confidences));
        double sum = 0.0;
        for (int i = 0; i < confidences.Length; i++)
        {
            double d = confidences[i] - (correct[i] ? 1.0 : 0.0);
            sum += d * d;
        }

        return sum / confidences.Length;
    }
}
