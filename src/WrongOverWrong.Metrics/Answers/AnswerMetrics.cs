using WrongOverWrong.Metrics.Internal;

namespace WrongOverWrong.Metrics.Answers;

/// <summary>
/// Answer-level metrics from the paper: cor(a) = clip(p(a|q), 0, 1), p_wrong, Acc and mean cor.
/// Inputs are parallel spans: each answer's cor(a) in [0, 1] and whether it is correct. Values
/// outside [0, 1] are refused (an unbounded training proxy such as -|w - w*| would otherwise clamp
/// to 0 and make p_wrong silently 0): clip with <see cref="Cor"/> first. Unparsable answers must be
/// encoded by the caller as cor 0 and wrong, as in the paper; nothing is filtered here.
/// </summary>
public static class AnswerMetrics
{
    /// <summary>cor(a): the proxy clipped to [0, 1], so unbounded proxies such as -|w - w*| become comparable.</summary>
    /// <param name="proxy">The oracle's proxy p(a|q).</param>
    /// <returns>The proxy clipped to [0, 1].</returns>
    /// <exception cref="ArgumentException"><paramref name="proxy"/> is NaN.</exception>
    public static double Cor(double proxy)
    {
        if (double.IsNaN(proxy))
        {
            throw new ArgumentException("The proxy is NaN; encode unparsable answers as 0.", nameof(proxy));
        }

        return Math.Clamp(proxy, 0.0, 1.0);
    }

    /// <summary>p_wrong: mean cor(a) over the wrong answers ("less wrong", higher is better).</summary>
    /// <param name="proxies">cor(a) of each answer, in [0, 1] (anything else, NaN included, is refused).</param>
    /// <param name="correct">Whether each answer is correct.</param>
    /// <returns>The mean clipped proxy of the wrong answers; NaN when every answer is correct.</returns>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths or a value outside [0, 1].</exception>
    public static double PWrong(ReadOnlySpan<double> proxies, ReadOnlySpan<bool> correct) =>
        Summarize(proxies, correct).PWrong;

    /// <summary>Acc: the share of answers that are correct.</summary>
    /// <param name="correct">Whether each answer is correct.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    /// <exception cref="ArgumentException"><paramref name="correct"/> is empty.</exception>
    public static double Accuracy(ReadOnlySpan<bool> correct)
    {
        Guard.NotEmpty(correct.Length, nameof(correct));
        int hits = 0;
        foreach (bool c in correct)
        {
            if (c)
            {
                hits++;
            }
        }

        return (double)hits / correct.Length;
    }

    /// <summary>Mean cor(a) over all answers, the paper's criterion for picking a run on validation data.</summary>
    /// <param name="proxies">cor(a) of each answer, in [0, 1] (anything else, NaN included, is refused).</param>
    /// <returns>The mean clipped proxy.</returns>
    /// <exception cref="ArgumentException">Empty input or a value outside [0, 1].</exception>
    public static double MeanCor(ReadOnlySpan<double> proxies)
    {
        Guard.NotEmpty(proxies.Length, nameof(proxies));
        Guard.Cor(proxies, nameof(proxies));
        double sum = 0.0;
        foreach (double p in proxies)
        {
            sum += p;
        }

        return sum / proxies.Length;
    }

    /// <summary>Computes p_wrong, Acc and mean cor in one pass, with the counts behind them.</summary>
    /// <param name="proxies">cor(a) of each answer, in [0, 1] (anything else, NaN included, is refused).</param>
    /// <param name="correct">Whether each answer is correct.</param>
    /// <returns>All three metrics and their counts.</returns>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths or a value outside [0, 1].</exception>
    public static AnswerSummary Summarize(ReadOnlySpan<double> proxies, ReadOnlySpan<bool> correct)
    {
        Guard.NotEmpty(proxies.Length, nameof(proxies));
        Guard.SameLength(proxies.Length, correct.Length, nameof(proxies), nameof(correct));
        Guard.Cor(proxies, nameof(proxies));

        double corSum = 0.0;
        double wrongCorSum = 0.0;
        int wrong = 0;
        for (int i = 0; i < proxies.Length; i++)
        {
            double cor = proxies[i];
            corSum += cor;
            if (!correct[i])
            {
                wrongCorSum += cor;
                wrong++;
            }
        }

        int n = proxies.Length;
        double pWrong = wrong == 0 ? double.NaN : wrongCorSum / wrong;
        return new AnswerSummary(pWrong, (double)(n - wrong) / n, corSum / n, n, wrong);
    }
}
