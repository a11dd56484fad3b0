using System.Runtime.InteropServices;

namespace WrongOverWrong.Training.Tests;

public sealed partial class NativeAllocatorTests
{
    [Fact]
    public unsafe void A_fixed_threshold_keeps_mid_size_blocks_mmapped_after_a_large_block_was_freed()
    {
        Assert.True(OperatingSystem.IsLinux(), "this project's CI runs on Linux with glibc");
        Assert.True(NativeAllocator.FixMmapThreshold());

        // glibc would raise its threshold to 4 MiB on this free; fixed, it stays at 128 KiB.
        void* large = NativeMemory.Alloc(4 * 1024 * 1024);
        ((byte*)large)[0] = 1;
        NativeMemory.Free(large);

        nuint mmappedBefore = MallInfo2().Hblks;
        void* middle = NativeMemory.Alloc(512 * 1024);
        try
        {
            Assert.Equal(mmappedBefore + 1, MallInfo2().Hblks);
        }
        finally
        {
            NativeMemory.Free(middle);
        }
    }

    [Theory]
    [InlineData(4095)]
    [InlineData(32 * 1024 * 1024 + 1)]
    public void Thresholds_outside_what_glibc_accepts_are_refused(int bytes)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NativeAllocator.FixMmapThreshold(bytes));
        Assert.Equal("bytes", error.ParamName);
    }

    private static MallocInfo MallInfo2() => NativeMallInfo2();

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallocInfo NativeMallInfo2();

    /// <summary>glibc's struct mallinfo2 (malloc.h), ten size_t fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallocInfo
    {
        public readonly nuint Arena;
        public readonly nuint Ordblks;
        public readonly nuint Smblks;
        public readonly nuint Hblks;
        public readonly nuint Hblkhd;
        public readonly nuint Usmblks;
        public readonly nuint Fsmblks;
        public readonly nuint Uordblks;
        public readonly nuint Fordblks;
        public readonly nuint Keepcost;
    }
}
