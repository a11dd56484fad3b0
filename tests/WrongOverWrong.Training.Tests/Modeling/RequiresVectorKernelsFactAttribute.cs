using WrongOverWrong.Training.Modeling;

namespace WrongOverWrong.Training.Tests;

/// <summary>
/// A fact about the C# vector kernels themselves (small-batch linear, RMSNorm, token draw). On a
/// CPU with neither AVX2+FMA nor AVX-512 the library keeps to libtorch (which other tests cover),
/// and the runner reports this test as skipped with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresVectorKernelsFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute; the test is skipped unless the kernels can run here.</summary>
    public RequiresVectorKernelsFactAttribute()
    {
        if (!SmallBatchLinearKernel.Supported)
        {
            Skip = "needs a CPU with AVX2 and FMA, or AVX-512 (the C# vector kernels are not used on this one)";
        }
    }
}
