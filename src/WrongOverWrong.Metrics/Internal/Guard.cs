using WrongOverWrong.Metrics.Answers;

namespace WrongOverWrong.Metrics.Internal;

/// <summary>Argument checks shared by the metrics; each names the offending argument and index.</summary>
internal static class Guard
{
    public static void NotEmpty(int length, string paramName)
    {
        if (length == 0)
        {
            throw new ArgumentException("The input is empty; the metric is undefined on no data.", paramName);
        }
    }

    public static void SameLength(int expected, int actual, string expectedName, string actualName)
    {
        if (expected != actual)
        {
            throw new ArgumentException(
                $"{actualName} has {actual} items but {expectedName} has {expected}; they must pair up one to one.",
                actualName);
        }
    }

    /// <summary>Rejects NaN and infinities.</summary>
    public static void Finite(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{paramName}[{i}] is {values[i]}; a finite number is required.", paramName);
            }
        }
    }

    /// <summary>Rejects anything outside [0, 1], NaN included (NaN fails both comparisons).</summary>
    public static void Probabilities(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!(v >= 0.0 && v <= 1.0))
            {
                throw new ArgumentException($"{paramName}[{i}] is {v}; a confidence must lie in [0, 1].", paramName);
            }
        }
    }

    /// <summary>
    /// Rejects anything outside [0, 1], NaN included: answer metrics average cor(a), which is
    /// bounded. An unbounded training proxy such as -|w - w*| would clamp to 0 and make p_wrong
    /// silently 0, so it is refused with a message that names the field to pass instead.
    /// </summary>
    public static void Cor(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!(v >= 0.0 && v <= 1.0))
            {
                throw new ArgumentException(
                    $"{paramName}[{i}] is {v}; answer metrics take cor(a) = clip(p(a|q), 0, 1) in [0, 1]. Pass Grade.Cor (the evaluation proxy), not Grade.TrainingProxy (the unbounded training signal), or clip with AnswerMetrics.Cor first; unparsable answers are 0.",
                    paramName);
            }
        }
    }
}
