namespace WrongOverWrong.Harness;

/// <summary>
/// Acc_WoW and its percentile-bootstrap confidence interval over kept pairs.
/// </summary>
/// <remarks>
/// TODO(merge): a temporary seam. The WrongOverWrong.Metrics package owns Acc_WoW and bootstrap CIs;
/// when it lands on main, replace the body of <see cref="Compute"/> with a call to it (and
/// reference Metrics from Core). Resampling is over pairs, with a fixed seed.
/// </remarks>
internal static class AccWowCalculator
{
    /// <summary>Accuracy = share of true outcomes, with a (1 - alpha) percentile bootstrap interval.</summary>
    public static (double Accuracy, double Lower, double Upper) Compute(IReadOnlyList<bool> correct, int resamples, double confidence, int seed)
    {
        if (correct.Count == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        var n = correct.Count;
        var hits = correct.Count(c => c);
        var accuracy = (double)hits / n;
        if (resamples <= 0)
        {
            return (accuracy, double.NaN, double.NaN);
        }

        var random = new Random(seed);
        var stats = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var h = 0;
            for (var i = 0; i < n; i++)
            {
                if (correct[random.Next(n)])
                {
                    h++;
                }
            }

            stats[b] = (double)h / n;
        }

        Array.Sort(stats);
        var alpha = 1 - confidence;
        return (accuracy, Quantile(stats, alpha / 2), Quantile(stats, 1 - (alpha / 2)));
    }

    // Linear interpolation between order statistics (numpy's default "linear" method).
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
