using TorchSharp;
using WrongOverWrong.Training.Native;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// <c>linear(input, weight, bias)</c> that sends inference calls with only a few input rows, the
/// decoding step's shape, to <see cref="SmallBatchLinearKernel"/> and everything else to TorchSharp.
/// </summary>
/// <remarks>
/// libtorch's CPU GEMM reached about half of its large-matrix rate on [10 x 256] x [256 x 32000] and
/// used one core whatever the thread count; the kernel reads each weight once and prefetches, which
/// made that product 3x faster on one core. It runs only with gradients off
/// (<c>torch.no_grad()</c>, as in sampling), on float32 CPU tensors with an inner size that is a
/// multiple of 16, on AVX-512 or AVX2 hardware; in every other case this is exactly
/// <c>nn.functional.linear</c>. Results differ from libtorch's only by summation order (~1e-7 relative).
/// </remarks>
internal static unsafe class SmallBatchLinear
{
    /// <summary>Most input rows sent to the kernel; above this libtorch's blocked GEMM is as fast or faster.</summary>
    public const int MaxRows = 32;

    // Bounds that keep the kernel's int offsets (up to 4 x inFeatures and 4 x outFeatures) far from overflow.
    private const long MaxInFeatures = 1L << 24;
    private const long MaxOutFeatures = 1L << 26;

    /// <summary>input [..., in] x weight [out, in]ᵀ (+ bias [out]) → [..., out].</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) =>
        Linear(input, weight, bias, SmallBatchLinearKernel.Wide);

    /// <summary>As <see cref="Linear(Tensor, Tensor, Tensor?)"/> with the AVX-512 (wide) or AVX2 tiles chosen; tests run both.</summary>
    internal static Tensor Linear(Tensor input, Tensor weight, Tensor? bias, bool wide)
    {
        if (wide && !SmallBatchLinearKernel.Wide)
        {
            throw new PlatformNotSupportedException("This CPU has no AVX-512.");
        }

        return Plan(input, weight, bias) is { } plan ? Compute(input, weight, bias, plan, wide) : nn.functional.linear(input, weight, bias);
    }

    /// <summary>Whether <see cref="Linear(Tensor, Tensor, Tensor?)"/> would use the kernel for these tensors.</summary>
    internal static bool CanUse(Tensor input, Tensor weight, Tensor? bias) => Plan(input, weight, bias) is not null;

    /// <summary>The kernel's shapes for these tensors, or null where libtorch must compute the product.</summary>
    /// <remarks>
    /// Cheap checks first, and each shape read once: a decoding step makes seven of these calls per
    /// layer, and every TorchSharp shape read is a native call that allocates (about 2 us).
    /// </remarks>
    private static KernelPlan? Plan(Tensor input, Tensor weight, Tensor? bias)
    {
        // The kernel is invisible to autograd, so it runs only with gradients off (sampling, scoring).
        // Keying on the mode rather than on requires_grad keeps a model's outputs with gradients on
        // bit-identical whether or not its base weights are frozen (adapters off = base, exactly).
        if (torch.is_grad_enabled() || !SmallBatchLinearKernel.Supported
            || !TensorMemory.IsCpuFloat32(input) || !TensorMemory.IsCpuFloat32(weight))
        {
            return null;
        }

        long[] weightShape = weight.shape;
        long[] inputShape = input.shape;
        if (weightShape.Length != 2 || inputShape.Length < 1 || inputShape[^1] != weightShape[1]
            || weightShape[1] == 0 || weightShape[1] % 16 != 0
            || weightShape[1] > MaxInFeatures || weightShape[0] > MaxOutFeatures)
        {
            return null;
        }

        long rows = 1;
        foreach (long size in inputShape.AsSpan(0, inputShape.Length - 1))
        {
            rows *= size;
        }

        if (rows < 1 || rows > MaxRows || !weight.is_contiguous())
        {
            return null;
        }

        if (bias is not null && (!TensorMemory.IsCpuFloat32(bias) || bias.dim() != 1 || bias.shape[0] != weightShape[0]))
        {
            return null;
        }

        return TensorMemory.Available ? new KernelPlan((int)rows, (int)weightShape[1], (int)weightShape[0], inputShape) : null;
    }

    private static Tensor Compute(Tensor input, Tensor weight, Tensor? bias, KernelPlan plan, bool wide)
    {
        (int rows, int inFeatures, int outFeatures, long[] inputShape) = plan;
        long[] shape = [.. inputShape[..^1], outFeatures];

        Tensor contiguous = input.is_contiguous() ? input.alias() : input.contiguous();
        Tensor output = torch.empty(shape, dtype: ScalarType.Float32, device: torch.CPU);
        try
        {
            float* x = TensorMemory.Float32(contiguous);
            float* w = TensorMemory.Float32(weight);
            float* o = TensorMemory.Float32(output);

            // One thread on purpose: between torch operations libtorch's OpenMP workers spin on the
            // other cores, and a thread-pool split of this kernel fought them (10 x 128 decoding
            // steps took 875 ms with the split, 638 ms without, at 2 intra-op threads on 2 cores).
            SmallBatchLinearKernel.Run(x, w, o, rows, outFeatures, inFeatures, wide);
            GC.KeepAlive(weight);
            if (bias is not null)
            {
                output.add_(bias);
            }

            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
        finally
        {
            contiguous.Dispose();
        }
    }

    private sealed record KernelPlan(int Rows, int InFeatures, int OutFeatures, long[] InputShape);
}
