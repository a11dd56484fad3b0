using System.Runtime.InteropServices;

namespace WrongOverWrong.Training.Native;

/// <summary>
/// Settings of the C allocator that libtorch allocates its CPU tensors with.
/// </summary>
/// <remarks>
/// <para>Why: glibc raises its mmap threshold each time a freed block was mmapped (up to 32 MiB on
/// 64-bit), so after the first large tensors are freed, later tensors of a few hundred KiB to a few
/// MiB come from the heap instead, and the heap fragments as generation batches of varying shapes
/// come and go. Measured on the batched-sampling benchmark (50 prompts x 10 answers x 64 tokens,
/// 1 thread): peak RSS 563-585 MiB (1.62-1.66x one question's 10 answers) with glibc's dynamic
/// threshold, 466 MiB (1.42x) with a fixed 128 KiB threshold, at the same speed.</para>
/// <para>This is process-wide, so the library never changes it by itself: applications (the main
/// job, the benchmarks) call <see cref="FixMmapThreshold"/> at start-up. The same can be had without
/// code by starting the process with <c>MALLOC_MMAP_THRESHOLD_=131072</c>.</para>
/// </remarks>
public static partial class NativeAllocator
{
    /// <summary>The threshold <see cref="FixMmapThreshold"/> sets by default: glibc's initial one, 128 KiB.</summary>
    public const int DefaultMmapThreshold = 128 * 1024;

    // mallopt's parameter number for the mmap threshold (malloc.h).
    private const int MmapThresholdParameter = -3;

    /// <summary>
    /// Fixes glibc's mmap threshold at <paramref name="bytes"/>, which also stops glibc from raising
    /// it, so large freed tensors go back to the system instead of fragmenting the heap.
    /// </summary>
    /// <param name="bytes">Allocations of at least this size are mmapped (4 KiB to 32 MiB).</param>
    /// <returns>True when the setting took effect; false on other systems or C libraries (nothing changes).</returns>
    public static bool FixMmapThreshold(int bytes = DefaultMmapThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 4096);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, 32 * 1024 * 1024);
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MmapThresholdParameter, bytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
