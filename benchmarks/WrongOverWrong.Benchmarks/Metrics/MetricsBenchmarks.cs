using BenchmarkDotNet.Attributes;
using WrongOverWrong.Metrics.Confidence;
using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Benchmarks.Metrics;

/// <summary>
/// The two metrics that run over whole evaluation sets: ECE (10 equal-width bins) and Acc_WoW at
/// M_10, each over 1,000,000 items. Target: well under 100 ms each on a 2-core machine.
/// Run: dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- --filter '*Metrics*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MetricsBenchmarks
{
    private const int Count = 1_000_000;

    private double[] _confidences = [];
    private bool[] _correct = [];
    private ScoredPair[] _pairs = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _confidences = new double[Count];
        _correct = new bool[Count];
        _pairs = new ScoredPair[Count];
        for (int i = 0; i < Count; i++)
        {
            double confidence = random.NextDouble();
            _confidences[i] = confidence;
            _correct[i] = random.NextDouble() < confidence * confidence;

            // Score-judge-like data: integer scores 0-5 (many gap ties at the cut), 2% abstentions.
            var gold = random.Next(2) == 0 ? PairWinner.First : PairWinner.Second;
            _pairs[i] = random.Next(50) == 0
                ? ScoredPair.FromScores(null, null, gold)
                : ScoredPair.FromScores(random.Next(6), random.Next(6), gold);
        }
    }

    [Benchmark]
    public double Ece() => Calibration.Ece(_confidences, _correct);

    [Benchmark]
    public double AccWoWM10() => AccWoW.Compute(_pairs, new AccWoWOptions { Margin = Margin.M10 }).Accuracy;
}
