using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

/// <summary>
/// <c>linear(input, weight, bias)</c> that sends inference calls with only a few input rows, the
/// decoding step's shape, to <see cref="SmallBatchLinearKernel"/> and everything else to TorchSharp.
/// </summary>
/// <remarks>
/// libtorch's CPU GEMM reached about half of its large-matrix rate on [10 x 256] x [256 x 32000] and
/// used one core whatever the thread count; the kernel reads each weight once and prefetches, which
/// made that product 3x faster on one core. It runs only with gradients off
/// (<c>torch.no_grad()</c>, as in sampling), on float32 CPU tensors with an inner size that is a
/// multiple of 16, on AVX-512 hardware; in every other case this is exactly
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
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        return CanUse(input, weight, bias) ? Compute(input, weight, bias) : nn.functional.linear(input, weight, bias);
    }

    /// <summary>Whether <see cref="Linear"/> would use the kernel for these tensors.</summary>
    internal static bool CanUse(Tensor input, Tensor weight, Tensor? bias)
    {
        if (!SmallBatchLinearKernel.Supported
            || input.device_type != DeviceType.CPU || weight.device_type != DeviceType.CPU
            || input.dtype != ScalarType.Float32 || weight.dtype != ScalarType.Float32
            || weight.dim() != 2 || input.dim() < 1 || input.shape[^1] != weight.shape[1]
            || weight.shape[1] == 0 || weight.shape[1] % 16 != 0 || !weight.is_contiguous()
            || weight.shape[1] > MaxInFeatures || weight.shape[0] > MaxOutFeatures)
        {
            return false;
        }

        if (bias is not null && (bias.dtype != ScalarType.Float32 || bias.device_type != DeviceType.CPU || bias.dim() != 1 || bias.shape[0] != weight.shape[0]))
        {
            return false;
        }

        long rows = input.numel() / weight.shape[1];
        if (rows < 1 || rows > MaxRows)
        {
            return false;
        }

        // The kernel is invisible to autograd, so it runs only with gradients off (sampling, scoring).
        // Keying on the mode rather than on requires_grad keeps a model's outputs with gradients on
        // bit-identical whether or not its base weights are frozen (adapters off = base, exactly).
        return !torch.is_grad_enabled() && TensorMemory.Available;
    }

    private static Tensor Compute(Tensor input, Tensor weight, Tensor? bias)
    {
        int inFeatures = (int)weight.shape[1];
        int outFeatures = (int)weight.shape[0];
        int rows = (int)(input.numel() / inFeatures);
        long[] shape = [.. input.shape[..^1], outFeatures];

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
            SmallBatchLinearKernel.Run(x, w, o, rows, outFeatures, inFeatures);
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
}
