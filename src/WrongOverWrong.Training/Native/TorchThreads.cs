using TorchSharp;

namespace WrongOverWrong.Training.Native;

/// <summary>libtorch's intra-op thread count: the physical core count by default, settable per client or trainer.</summary>
/// <remarks>
/// libtorch's pool is process-wide. More threads than free cores hurts badly: on a loaded 2-core
/// machine 2 threads made SFT steps about 30x slower than 1, because every operation waits for its
/// slowest (descheduled) thread. Hyper-threads share one core's vector units and add nothing to fp32 GEMM.
/// </remarks>
public static class TorchThreads
{
    private static readonly Lazy<int> Physical = new(CountPhysicalCores);

    /// <summary>Physical cores available to this process (distinct core ids in /proc/cpuinfo, at most <see cref="Environment.ProcessorCount"/>).</summary>
    public static int PhysicalCoreCount => Physical.Value;

    /// <summary>Sets libtorch's thread count to <paramref name="threads"/> (null: <see cref="PhysicalCoreCount"/>) when it differs.</summary>
    /// <param name="threads">At least 1, or null.</param>
    public static void Apply(int? threads)
    {
        int wanted = threads ?? PhysicalCoreCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1, nameof(threads));
        TorchSharpNative.EnsureLoaded();
        if (torch.get_num_threads() != wanted)
        {
            torch.set_num_threads(wanted);
        }
    }

    private static int CountPhysicalCores()
    {
        int logical = Environment.ProcessorCount;
        try
        {
            if (!File.Exists("/proc/cpuinfo"))
            {
                return logical;
            }

            var cores = new HashSet<(string, string)>();
            string physicalId = "0";
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    continue;
                }

                string key = line[..colon].Trim();
                string value = line[(colon + 1)..].Trim();
                if (key == "physical id")
                {
                    physicalId = value;
                }
                else if (key == "core id")
                {
                    cores.Add((physicalId, value));
                }
            }

            return cores.Count == 0 ? logical : Math.Clamp(cores.Count, 1, logical);
        }
        catch (IOException)
        {
            return logical;
        }
        catch (UnauthorizedAccessException)
        {
            return logical;
        }
    }
}
