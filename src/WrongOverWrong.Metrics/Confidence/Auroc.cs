using WrongOverWrong.Metrics.Internal;

namespace WrongOverWrong.Metrics.Confidence;

/// <summary>
/// Area under the ROC curve of confidence as a detector of correct answers: the chance that a
/// random correct answer gets a higher confidence than a random wrong one (ties count one half).
/// It measures ranking (discrimination), which ECE does not.
/// </summary>
public static class Auroc
{
    /// <summary>
    /// Computes the AUROC by the Mann-Whitney statistic with average ranks for tied confidences,
    /// in O(n log n).
    /// </summary>
    /// <param name="confidences">Each answer's confidence, in [0, 1].</param>
    /// <param name="correct">Whether each answer is correct (the positive class).</param>
    /// <returns>The AUROC in [0, 1]; NaN when every answer is correct or every answer is wrong (one class absent).</returns>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths or a confidence outside [0, 1] or NaN.</exception>
    public static double Compute(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct)
    {
        Guard.NotEmpty(confidences.Length, nameof(confidences));
        Guard.SameLength(confidences.Length, correct.Length, nameof(confidences), nameof(correct));
        Guard.Probabilities(confidences, nameof(confidences));

        int n = confidences.Length;
        var keys = confidences.ToArray();
        var positive = correct.ToArray();
        Array.Sort(keys, positive);

        long positives = 0;
        double positiveRankSum = 0.0;
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && keys[end + 1] == keys[start])
            {
                end++;
            }

            // Ranks are 1-based; a run of ties shares the mean of its ranks.
            double averageRank = ((start + 1) + (end + 1)) / 2.0;
            for (int k = start; k <= end; k++)
            {
                if (positive[k])
                {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }

            start = end + 1;
        }

        long negatives = n - positives;
        // Stryker disable once Logical,Block : with one class absent u is exactly 0 and so is the denominator below, and 0.0 / 0 is NaN as well.
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        double u = positiveRankSum - (positives * (positives + 1) / 2.0);
        return u / ((double)positives * negatives);
    }
}
