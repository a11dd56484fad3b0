using System.Runtime.InteropServices;
using WrongOverWrong.Training.Native;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>What a reader needs to place the figures: CPU model (as lscpu names it), cores, load.</summary>
internal sealed record MachineInfo(string CpuModel, int LogicalCores, int PhysicalCores, string Os, string Runtime, string LoadAverage)
{
    public static MachineInfo Read() => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        TorchThreads.PhysicalCoreCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadLoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg (empty elsewhere).</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : string.Empty;

    private static string ReadCpuModel()
    {
        const string path = "/proc/cpuinfo";
        string? line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
