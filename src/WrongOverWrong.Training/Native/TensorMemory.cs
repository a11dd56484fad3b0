using System.Runtime.InteropServices;
using TorchSharp;
using WrongOverWrong.Training.Modeling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Native;

/// <summary>
/// Raw access to the memory of CPU tensors, for the few kernels written in C# (see
/// <see cref="SmallBatchLinear"/>). TorchSharp exposes element accessors and copies but not the data
/// pointer, so this binds the same exported LibTorchSharp function its accessors use.
/// </summary>
internal static unsafe partial class TensorMemory
{
    private static readonly Lazy<bool> Probe = new(CheckPointerAccess);

    /// <summary>
    /// Whether data pointers can be read on this host: false when LibTorchSharp cannot be bound from
    /// this assembly (an unusual load setup) or the pointer does not see a tensor's values, in which
    /// case callers keep to TorchSharp's own operations.
    /// </summary>
    public static bool Available => Probe.Value;

    /// <summary>Whether <paramref name="tensor"/> is float32 on the CPU, the only kind the C# kernels read.</summary>
    public static bool IsCpuFloat32(Tensor tensor) => tensor.dtype == ScalarType.Float32 && tensor.device_type == DeviceType.CPU;

    /// <summary>Float32 on the CPU and contiguous, so its elements can be walked from <see cref="Float32"/>.</summary>
    public static bool IsDenseCpuFloat32(Tensor tensor) => IsCpuFloat32(tensor) && tensor.is_contiguous();

    /// <summary>The first element of a float32 CPU tensor (after its storage offset). Keep the tensor alive while using it.</summary>
    public static float* Float32(Tensor tensor)
    {
        if (!IsCpuFloat32(tensor))
        {
            throw new ArgumentException($"Expected a float32 CPU tensor, not {tensor.dtype} on {tensor.device}.", nameof(tensor));
        }

        float* pointer = (float*)THSTensor_data(tensor.Handle);
        if (pointer == null && tensor.numel() > 0)
        {
            torch.CheckForErrors();
            throw new InvalidOperationException("libtorch returned no data pointer for a non-empty tensor.");
        }

        return pointer;
    }

    private static bool CheckPointerAccess()
    {
        try
        {
            TorchSharpNative.EnsureLoaded();
            using var scope = torch.NewDisposeScope();

            // A view with a storage offset, so a pointer to the storage start would be caught too.
            Tensor values = torch.tensor(new float[] { 1.5f, -2.25f, 3.125f, 7f }).narrow(0, 1, 3);
            float* pointer = Float32(values);
            bool seen = pointer != null && pointer[0] == -2.25f && pointer[1] == 3.125f && pointer[2] == 7f;
            GC.KeepAlive(values);
            return seen;
        }
        catch (Exception)
        {
            // Whatever went wrong (library not bindable, no pointer), the caller keeps to libtorch;
            // caching a throwing probe would make every later no-grad product throw instead.
            return false;
        }
    }

    [LibraryImport("LibTorchSharp")]
    private static partial IntPtr THSTensor_data(IntPtr handle);
}
