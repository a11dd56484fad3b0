using System.Runtime.InteropServices;

namespace WrongOverWrong.Training.Tests;

public sealed class NativeAllocatorTests
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

        // glibc marks an mmapped chunk with bit 0x2 (IS_MMAPPED) in the size word just before the
        // block; read per block, so other tests freeing memory on other threads cannot interfere.
        void* middle = NativeMemory.Alloc(512 * 1024);
        try
        {
            Assert.Equal((nuint)2, ((nuint*)middle)[-1] & 2);
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
}
