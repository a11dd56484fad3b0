using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>
/// Spearman's rank correlation between an elicitor's score gap |s1 - s2| and the oracle's proxy gap
/// |cor1 - cor2| over the pairs it scored: does the method's confidence in an order grow with how
/// far apart the two answers really are? That is what makes the M_50 / M_10 margins useful.
/// </summary>
/// <param name="Coefficient">Spearman's ρ (average ranks for ties); NaN when either gap is constant or the correlation does not apply.</param>
/// <param name="PValue">Two-sided p-value (t approximation), NaN when not computed.</param>
/// <param name="Count">Pairs it was computed over (scored, finite gap).</param>
/// <param name="Note">Why it was not computed, or null.</param>
public sealed record GapCorrelation(double Coefficient, double PValue, int Count, string? Note)
{
    /// <summary>The method named in tables and files.</summary>
    public const string Method = "Spearman";

    /// <summary>
    /// The correlation over <paramref name="verdicts"/>. The oracle gap uses <see cref="Grade.Cor"/>,
    /// the paper's bounded proxy p(a|q), which is normalised per question (for shortest path by the
    /// longest simple path), so gaps of different questions are comparable as the pooled margins
    /// compare them. Pairwise verdicts (no gap), abstentions and infinite gaps are left out.
    /// </summary>
    /// <param name="verdicts">One elicitor's verdicts.</param>
    public static GapCorrelation Of(IReadOnlyList<PairVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var method = new List<double>();
        var oracle = new List<double>();
        var withoutGap = 0;
        foreach (var v in verdicts)
        {
            if (v.Predicted == PairPrediction.Abstained)
            {
                continue;
            }

            if (v.Gap is not { } gap || double.IsInfinity(gap))
            {
                withoutGap++;
                continue;
            }

            method.Add(gap);
            oracle.Add(Math.Abs(v.Pair.First.Grade.Cor - v.Pair.Second.Grade.Cor));
        }

        if (method.Count < 3)
        {
            var why = withoutGap > 0 && method.Count == 0 ? "pairwise verdicts have no score gap" : $"only {method.Count} scored pairs (3 needed)";
            return new GapCorrelation(double.NaN, double.NaN, method.Count, why);
        }

        var result = Correlations.Spearman(method.ToArray(), oracle.ToArray());
        return new GapCorrelation(result.Coefficient, result.PValue, result.Count, double.IsNaN(result.Coefficient) ? "one of the gaps is constant" : null);
    }
}
