namespace WrongOverWrong.Training.Tests;

/// <summary>
/// A fact about the AVX-512 small-batch kernel itself. On a CPU without AVX-512 the library keeps to
/// libtorch (which other tests cover), and the runner reports this test as skipped with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAvx512FactAttribute : FactAttribute
{
    /// <summary>Creates the attribute; the test is skipped unless the kernel can run here.</summary>
    public RequiresAvx512FactAttribute()
    {
        if (!SmallBatchLinearKernel.Supported)
        {
            Skip = "needs a CPU with AVX-512 (the small-batch linear kernel is not used on this one)";
        }
    }
}
