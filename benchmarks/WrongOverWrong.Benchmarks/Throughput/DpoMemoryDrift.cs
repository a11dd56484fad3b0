using TorchSharp;
using WrongOverWrong.Benchmarks.Optimization;
using WrongOverWrong.Training.Modeling;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// Whether native memory grows over many DPO steps: a tiny model (d 64, 2 layers, vocabulary
/// 1,000, 2 pairs of 64 tokens) steps <c>steps</c> times; RSS and libtorch's live tensor count are
/// read after each step, and the least-squares slope of RSS over the steps after the warm-up is
/// the leak rate (a leaked activation would be tens of KiB per step here). No forced GC: a
/// collection would free leaked tensors through their finalizers and hide the leak.
/// </summary>
internal static class DpoMemoryDrift
{
    public static readonly LlamaConfig Config = new()
    {
        VocabSize = 1_000,
        HiddenSize = 64,
        IntermediateSize = 192,
        NumHiddenLayers = 2,
        NumAttentionHeads = 2,
        NumKeyValueHeads = 2,
        HeadDim = 32,
        MaxPositionEmbeddings = 256,
    };

    /// <summary>The drift figures.</summary>
    /// <param name="Steps">Steps run.</param>
    /// <param name="WarmUpSteps">Steps before the fit.</param>
    /// <param name="SlopeKiBPerStep">Least-squares slope of RSS per step after the warm-up.</param>
    /// <param name="RssFirstMiB">RSS after the first fitted step.</param>
    /// <param name="RssLastMiB">RSS after the last step.</param>
    /// <param name="LiveTensorsFirst">libtorch tensors alive on this thread after the first fitted step.</param>
    /// <param name="LiveTensorsLast">After the last step.</param>
    /// <param name="SecondsPerStep">Mean step time after the warm-up.</param>
    /// <param name="ManagedSlopeKiBPerStep">The same slope of the GC heap (<see cref="GC.GetTotalMemory(bool)"/>, no collection), to tell managed garbage from native growth.</param>
    public sealed record Result(int Steps, int WarmUpSteps, double SlopeKiBPerStep, double RssFirstMiB, double RssLastMiB, long LiveTensorsFirst, long LiveTensorsLast, double SecondsPerStep, double ManagedSlopeKiBPerStep);

    public static Result Run(int steps, int warmUp)
    {
        using var rig = new DpoStepRig(Config, pairs: 2, sequenceLength: 64);
        var rss = new List<double>();
        var live = new List<long>();
        var managed = new List<double>();
        var watch = new System.Diagnostics.Stopwatch();
        for (int step = 1; step <= steps; step++)
        {
            if (step == warmUp + 1)
            {
                watch.Start();
            }

            rig.Step();
            if (step > warmUp)
            {
                rss.Add(ProcessMemory.ResidentBytes() / 1024.0);
                live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
                managed.Add(GC.GetTotalMemory(forceFullCollection: false) / 1024.0);
            }
        }

        double[] x = Enumerable.Range(warmUp + 1, rss.Count).Select(i => (double)i).ToArray();
        return new Result(steps, warmUp, PowerLawFit.Slope(x, rss), rss[0] / 1024, rss[^1] / 1024, live[0], live[^1], watch.Elapsed.TotalSeconds / rss.Count, PowerLawFit.Slope(x, managed));
    }
}
