using System.Diagnostics;
using WrongOverWrong.Benchmarks.Optimization;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>Time, managed allocations and peak RSS of one piece of work.</summary>
/// <param name="Seconds">Wall time.</param>
/// <param name="AllocatedBytes">Managed bytes allocated by all threads (what the memory diagnoser counts; native tensors excluded).</param>
/// <param name="PeakResidentBytes">Peak RSS during the work (VmHWM reset just before it; native memory included).</param>
/// <param name="ResidentBeforeBytes">RSS just before the work.</param>
internal sealed record Measure(double Seconds, long AllocatedBytes, long PeakResidentBytes, long ResidentBeforeBytes)
{
    /// <summary>Runs <paramref name="work"/> once and measures it.</summary>
    public static Measure Of(Action work)
    {
        long before = ProcessMemory.ResidentBytes();
        ProcessMemory.ResetPeak();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        work();
        double seconds = watch.Elapsed.TotalSeconds;
        long allocatedAfter = GC.GetTotalAllocatedBytes(precise: true);
        return new Measure(seconds, allocatedAfter - allocated, ProcessMemory.PeakResidentBytes(), before);
    }

    /// <summary>
    /// The fastest of <paramref name="repeats"/> runs, with the largest peak seen: on a shared
    /// machine the minimum is the time least disturbed by neighbours.
    /// </summary>
    public static Measure Best(int repeats, Action work)
    {
        var runs = Enumerable.Range(0, repeats).Select(_ => Of(work)).ToList();
        Measure fastest = runs.MinBy(r => r.Seconds)!;
        return fastest with { PeakResidentBytes = runs.Max(r => r.PeakResidentBytes) };
    }
}
