using WrongOverWrong.Training.Native;

namespace WrongOverWrong.Training.Tests;

public sealed class NativeAllocatorTests
{
    [Fact]
    public void On_linux_with_glibc_the_threshold_is_accepted()
    {
        // What the fixed threshold does to memory is measured by the batched-sampling benchmark
        // (peak RSS 1.41x instead of 1.62x); whether one block is mmapped depends on what earlier
        // tests left in the heap, so a unit test cannot check it reliably in a shared test process.
        Assert.True(OperatingSystem.IsLinux(), "this project's CI runs on Linux with glibc");
        Assert.True(NativeAllocator.FixMmapThreshold());
        Assert.True(NativeAllocator.FixMmapThreshold(NativeAllocator.DefaultMmapThreshold));
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
