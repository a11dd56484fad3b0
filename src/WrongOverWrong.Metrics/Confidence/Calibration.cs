using WrongOverWrong.Metrics.Internal;

namespace WrongOverWrong.Metrics.Confidence;

/// <summary>
/// Binned calibration metrics (ECE, MCE, RMSCE) and reliability-diagram data. Inputs are parallel
/// spans: each answer's confidence in [0, 1] (the paper uses exp(mean token log-probability)) and
/// whether it is correct.
/// </summary>
public static class Calibration
{
    /// <summary>Computes ECE, MCE, RMSCE and the reliability bins in one pass over the data.</summary>
    /// <param name="confidences">Each answer's confidence, in [0, 1].</param>
    /// <param name="correct">Whether each answer is correct.</param>
    /// <param name="options">Bins and binning rule; <see cref="CalibrationOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The three errors and the bins behind them.</returns>
    /// <exception cref="ArgumentException">
    /// Empty input, mismatched lengths, a confidence outside [0, 1] or NaN, fewer than one bin or an
    /// undefined binning rule.
    /// </exception>
    public static CalibrationResult Compute(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct, CalibrationOptions? options = null)
    {
        options ??= CalibrationOptions.Default;
        if (options.Bins < 1)
        {
            throw new ArgumentException($"Bins must be at least 1, got {options.Bins}.", nameof(options));
        }

        Guard.NotEmpty(confidences.Length, nameof(confidences));
        Guard.SameLength(confidences.Length, correct.Length, nameof(confidences), nameof(correct));

        var bins = options.Binning switch
        {
            CalibrationBinning.EqualWidth => EqualWidthBins(confidences, correct, options.Bins, leftClosed: false),
            CalibrationBinning.TorchMetrics => EqualWidthBins(confidences, correct, options.Bins, leftClosed: true),
            CalibrationBinning.EqualMass => EqualMassBins(confidences, correct, options.Bins),
            _ => throw new ArgumentException($"Unknown binning rule {options.Binning}.", nameof(options)),
        };

        return Summarize(bins, confidences.Length);
    }

    /// <summary>Expected calibration error (the paper's "better calibrated" metric; lower is better).</summary>
    /// <param name="confidences">Each answer's confidence, in [0, 1].</param>
    /// <param name="correct">Whether each answer is correct.</param>
    /// <param name="options">Bins and binning rule; the paper's 10 equal-width bins when <see langword="null"/>.</param>
    /// <returns>Σ_b (|B_b| / n) · |acc_b - conf_b|.</returns>
    /// <exception cref="ArgumentException">See <see cref="Compute"/>.</exception>
    public static double Ece(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct, CalibrationOptions? options = null) =>
        Compute(confidences, correct, options).Ece;

    /// <summary>Maximum calibration error: the worst bin's |acc_b - conf_b|.</summary>
    /// <param name="confidences">Each answer's confidence, in [0, 1].</param>
    /// <param name="correct">Whether each answer is correct.</param>
    /// <param name="options">Bins and binning rule; the paper's 10 equal-width bins when <see langword="null"/>.</param>
    /// <returns>The largest gap over non-empty bins.</returns>
    /// <exception cref="ArgumentException">See <see cref="Compute"/>.</exception>
    public static double Mce(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct, CalibrationOptions? options = null) =>
        Compute(confidences, correct, options).Mce;

    /// <summary>Root-mean-square calibration error (torchmetrics' "l2" norm).</summary>
    /// <param name="confidences">Each answer's confidence, in [0, 1].</param>
    /// <param name="correct">Whether each answer is correct.</param>
    /// <param name="options">Bins and binning rule; the paper's 10 equal-width bins when <see langword="null"/>.</param>
    /// <returns>√(Σ_b (|B_b| / n) · (acc_b - conf_b)²).</returns>
    /// <exception cref="ArgumentException">See <see cref="Compute"/>.</exception>
    public static double Rmsce(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct, CalibrationOptions? options = null) =>
        Compute(confidences, correct, options).Rmsce;

    /// <summary>The per-bin data for a reliability diagram (edges, count, mean confidence, accuracy).</summary>
    /// <param name="confidences">Each answer's confidence, in [0, 1].</param>
    /// <param name="correct">Whether each answer is correct.</param>
    /// <param name="options">Bins and binning rule; the paper's 10 equal-width bins when <see langword="null"/>.</param>
    /// <returns>The bins in ascending confidence order, empty ones included with NaN means.</returns>
    /// <exception cref="ArgumentException">See <see cref="Compute"/>.</exception>
    public static IReadOnlyList<ReliabilityBin> ReliabilityDiagram(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct, CalibrationOptions? options = null) =>
        Compute(confidences, correct, options).Bins;

    private static CalibrationResult Summarize(ReliabilityBin[] bins, int n)
    {
        double ece = 0.0;
        double squared = 0.0;
        double mce = 0.0;
        foreach (var bin in bins)
        {
            if (bin.Count == 0)
            {
                continue;
            }

            double weight = (double)bin.Count / n;
            double gap = bin.Gap;
            ece += weight * gap;
            squared += weight * gap * gap;
            mce = Math.Max(mce, gap);
        }

        return new CalibrationResult(ece, mce, Math.Sqrt(squared), bins, n);
    }

    private static ReliabilityBin[] EqualWidthBins(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct, int binCount, bool leftClosed)
    {
        // torchmetrics allocates len(boundaries) = bins + 1 slots, so 1.0 lands in a slot of its own.
        int slots = leftClosed ? binCount + 1 : binCount;
        var edges = new double[binCount + 1];
        for (int i = 0; i <= binCount; i++)
        {
            // i / bins rounds once, so 0.3 is the same double as the literal 0.3 (a multiple of a
            // rounded step would not be): a confidence of exactly 0.3 lands in (0.2, 0.3].
            edges[i] = (double)i / binCount;
        }

        var counts = new int[slots];
        var confidenceSums = new double[slots];
        var correctCounts = new int[slots];
        for (int i = 0; i < confidences.Length; i++)
        {
            double c = confidences[i];
            if (!(c >= 0.0 && c <= 1.0))
            {
                throw new ArgumentException($"confidences[{i}] is {c}; a confidence must lie in [0, 1].", nameof(confidences));
            }

            int slot = leftClosed ? LeftClosedSlot(c, edges, binCount) : RightClosedSlot(c, edges, binCount);
            counts[slot]++;
            confidenceSums[slot] += c;

            // Branch-free: correctness is close to random, so a branch here mispredicts often.
            correctCounts[slot] += correct[i] ? 1 : 0;
        }

        var bins = new ReliabilityBin[slots];
        for (int b = 0; b < slots; b++)
        {
            double lower = b < binCount ? edges[b] : 1.0;
            double upper = b < binCount ? edges[b + 1] : 1.0;
            bins[b] = MakeBin(lower, upper, counts[b], confidenceSums[b], correctCounts[b]);
        }

        return bins;
    }

    // (a, b] with 0 in the first bin. The multiply guesses the slot; comparisons against the exact
    // edges fix the guess when the product rounds across an edge.
    private static int RightClosedSlot(double c, double[] edges, int binCount)
    {
        int slot = Math.Clamp((int)Math.Ceiling(c * binCount) - 1, 0, binCount - 1);
        if (slot > 0 && c <= edges[slot])
        {
            slot--;
        }
        else if (slot < binCount - 1 && c > edges[slot + 1])
        {
            slot++;
        }

        return slot;
    }

    // [a, b), with exactly 1.0 in the extra slot, as torch.bucketize(right=True) - 1 does.
    private static int LeftClosedSlot(double c, double[] edges, int binCount)
    {
        if (c == 1.0)
        {
            return binCount;
        }

        int slot = Math.Clamp((int)(c * binCount), 0, binCount - 1);
        if (slot > 0 && c < edges[slot])
        {
            slot--;
        }
        else if (slot < binCount - 1 && c >= edges[slot + 1])
        {
            slot++;
        }

        return slot;
    }

    private static ReliabilityBin[] EqualMassBins(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct, int binCount)
    {
        Guard.Probabilities(confidences, nameof(confidences));
        int n = confidences.Length;
        var order = new int[n];
        var keys = confidences.ToArray();
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        // Array.Sort is unstable; breaking confidence ties by index makes the cut reproducible.
        Array.Sort(order, (x, y) =>
        {
            int byConfidence = keys[x].CompareTo(keys[y]);
            return byConfidence != 0 ? byConfidence : x.CompareTo(y);
        });

        int used = Math.Min(binCount, n);
        var bins = new ReliabilityBin[used];
        for (int b = 0; b < used; b++)
        {
            int start = (int)((long)b * n / used);
            int end = (int)((long)(b + 1) * n / used);
            double confidenceSum = 0.0;
            int correctCount = 0;
            for (int k = start; k < end; k++)
            {
                confidenceSum += keys[order[k]];
                if (correct[order[k]])
                {
                    correctCount++;
                }
            }

            bins[b] = MakeBin(keys[order[start]], keys[order[end - 1]], end - start, confidenceSum, correctCount);
        }

        return bins;
    }

    private static ReliabilityBin MakeBin(double lower, double upper, int count, double confidenceSum, int correctCount) =>
        count == 0
            ? new ReliabilityBin(lower, upper, 0, double.NaN, double.NaN)
            : new ReliabilityBin(lower, upper, count, confidenceSum / count, (double)correctCount / count);
}
