using System.Diagnostics;
using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Pairing;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// Pairing (<see cref="PairBuilder"/>, no cap), margin filtering (<see cref="MarginFilter"/> at
/// M_100, M_50 and M_10, which ranks through <see cref="AccWoW.KeptPairs"/>) and Acc_WoW
/// (<see cref="AccWoW.Compute(ReadOnlySpan{ScoredPair}, AccWoWOptions?)"/> at the three margins,
/// no bootstrap) as the number of questions grows. Each stage is timed alone, fastest of
/// <c>repeats</c>, after a collection so that one stage's garbage is not charged to the next.
/// The stand-in elicitor's verdicts are built outside the timing.
/// </summary>
internal static class PairingScaling
{
    /// <summary>One size.</summary>
    public sealed record Row(int Questions, int Pairs, double PairingSeconds, double MarginSeconds, double AccWowSeconds, double AccWowAtM10)
    {
        public double TotalSeconds => PairingSeconds + MarginSeconds + AccWowSeconds;
    }

    public static IReadOnlyList<Row> Run(IReadOnlyList<int> sizes, int repeats)
    {
        // Untimed rounds at the smallest size: tiered JIT promotes the hot loops only after a few
        // calls, and the first timed size must not pay for it.
        for (int i = 0; i < 3; i++)
        {
            RunOne(sizes[0], 1);
        }

        return sizes.Select(n => RunOne(n, repeats)).ToList();
    }

    private static Row RunOne(int questions, int repeats)
    {
        List<GradedAnswerSet> sets = SyntheticVerdicts.Sets(questions, seed: questions);
        var builder = new PairBuilder(new PairingOptions { MaxPairs = null });
        PairingResult pairing = builder.Build(sets);
        double pairingSeconds = Fastest(repeats, () => pairing = builder.Build(sets));

        List<PairVerdict> verdicts = SyntheticVerdicts.Elicit(pairing.Pairs, seed: 7);
        double marginSeconds = Fastest(repeats, () =>
        {
            foreach (Margin margin in Margin.Paper)
            {
                _ = MarginFilter.Apply(verdicts, margin);
            }
        });

        ScoredPair[] scored = verdicts.Select(v => v.ToScoredPair()).ToArray();
        double atM10 = double.NaN;
        double accSeconds = Fastest(repeats, () =>
        {
            foreach (Margin margin in Margin.Paper)
            {
                atM10 = AccWoW.Compute(scored, new AccWoWOptions { Margin = margin }).Accuracy;
            }
        });

        return new Row(questions, pairing.Pairs.Count, pairingSeconds, marginSeconds, accSeconds, atM10);
    }

    private static double Fastest(int repeats, Action work)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < repeats; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            work();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }
}
