using static TorchSharp.torch;

namespace WrongOverWrong.Training.Checkpoints;

/// <summary>One validated header entry of a safetensors file.</summary>
/// <param name="Name">The tensor's key.</param>
/// <param name="DType">The safetensors dtype name (<c>F32</c>, <c>BF16</c>, ...).</param>
/// <param name="ScalarType">The matching TorchSharp element type.</param>
/// <param name="Shape">The shape (empty for a scalar).</param>
/// <param name="Begin">Start of the bytes, relative to the end of the header.</param>
/// <param name="End">End (exclusive) of the bytes, relative to the end of the header.</param>
public sealed record SafetensorsTensorInfo(string Name, string DType, ScalarType ScalarType, long[] Shape, long Begin, long End)
{
    /// <summary>Number of bytes the tensor occupies.</summary>
    public long ByteLength => End - Begin;
}
