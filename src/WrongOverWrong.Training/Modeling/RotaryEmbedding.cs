using TorchSharp;
using WrongOverWrong.Training.Native;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// Rotary position embedding in Hugging Face's "rotate half" layout (the first and second halves of
/// a head are the two coordinates of each rotated pair). Cos/sin are computed per call from the
/// position ids, so no table sized by <c>max_position_embeddings</c> (128k for Llama 3.1) is held.
/// </summary>
internal sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor inverseFrequencies;

    public RotaryEmbedding(LlamaConfig config, Device device)
    {
        double[] inv = InverseFrequencies(config);
        inverseFrequencies = torch.tensor(inv.Select(v => (float)v).ToArray(), dtype: ScalarType.Float32, device: device).DetachFromDisposeScope();
    }

    /// <summary>
    /// The per-pair rotation frequencies theta^(-2i/d), with Llama 3.1's frequency-dependent or the
    /// linear scaling applied (same formulas as transformers' <c>_compute_llama3_parameters</c>).
    /// </summary>
    public static double[] InverseFrequencies(LlamaConfig config)
    {
        int half = config.HeadDim / 2;
        var inv = new double[half];
        for (int i = 0; i < half; i++)
        {
            // transformers computes the exponent on int64 arange(0, dim, 2) / dim in float32.
            inv[i] = 1.0 / Math.Pow(config.RopeTheta, (float)(2 * i) / config.HeadDim);
        }

        switch (config.RopeScaling)
        {
            case null:
                break;
            case { RopeType: "linear" } linear:
                for (int i = 0; i < half; i++)
                {
                    inv[i] /= linear.Factor;
                }

                break;
            case { RopeType: "llama3" } s:
                double lowWavelength = s.OriginalMaxPositionEmbeddings / s.LowFrequencyFactor;
                double highWavelength = s.OriginalMaxPositionEmbeddings / s.HighFrequencyFactor;
                for (int i = 0; i < half; i++)
                {
                    double wavelength = 2 * Math.PI / inv[i];
                    if (wavelength > lowWavelength)
                    {
                        inv[i] /= s.Factor;
                    }
                    else if (wavelength >= highWavelength)
                    {
                        double smooth = (s.OriginalMaxPositionEmbeddings / wavelength - s.LowFrequencyFactor) / (s.HighFrequencyFactor - s.LowFrequencyFactor);
                        inv[i] = ((1 - smooth) * inv[i] / s.Factor) + (smooth * inv[i]);
                    }
                }

                break;
            default:
                throw new InvalidDataException($"rope_scaling.rope_type '{config.RopeScaling.RopeType}' is not supported.");
        }

        return inv;
    }

    /// <summary>Cos and sin for positions [start, start + length), shaped [length, head_dim], in <paramref name="dtype"/>.</summary>
    public (Tensor Cos, Tensor Sin) CosSin(long start, long length, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        Tensor positions = torch.arange(start, start + length, dtype: ScalarType.Float32, device: inverseFrequencies.device);
        Tensor angles = torch.outer(positions, inverseFrequencies);
        Tensor doubled = torch.cat([angles, angles], dim: -1);
        Tensor cos = doubled.cos().to(dtype);
        Tensor sin = doubled.sin().to(dtype);
        return (cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Cos and sin for per-row position ids [batch, length], shaped [batch, 1, length, head_dim] (the
    /// 1 broadcasts over heads). The same products and roundings as <see cref="CosSin(long, long, ScalarType)"/>,
    /// so a row whose ids are 0, 1, 2, ... gets exactly the shared table.
    /// </summary>
    public (Tensor Cos, Tensor Sin) CosSin(Tensor positionIds, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        Tensor positions = positionIds.to(ScalarType.Float32, inverseFrequencies.device);
        Tensor angles = positions.unsqueeze(-1) * inverseFrequencies;
        Tensor doubled = torch.cat([angles, angles], dim: -1).unsqueeze(1);
        Tensor cos = doubled.cos().to(dtype);
        Tensor sin = doubled.sin().to(dtype);
        return (cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>Rotates x [batch, heads, seq, head_dim] by cos/sin [seq, head_dim] or per row [batch, 1, seq, head_dim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = torch.NewDisposeScope();
        long half = x.shape[^1] / 2;
        Tensor first = x.narrow(-1, 0, half);
        Tensor second = x.narrow(-1, half, half);
        Tensor rotated = torch.cat([-second, first], dim: -1);
        return ((x * cos) + (rotated * sin)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Rotates the query and key projections of a one-token step in place, before they are split
    /// into heads: q [batch, 1, qHeads·headDim] and k [batch, 1, kHeads·headDim], fresh contiguous
    /// float32 CPU tensors, with cos/sin [1, headDim] shared by all rows or [rows, 1, 1, headDim] per row
    /// (left-padded batches). False (nothing changed) where
    /// <see cref="Apply"/> must run instead: gradients on, another dtype or device, other shapes.
    /// </summary>
    /// <remarks>
    /// <see cref="Apply"/> is ten tensor operations, about 12 us of fixed cost per call on a decoding
    /// step's few rows, twice per layer. This computes x·cos + rotate(x)·sin element by element with
    /// the same roundings (a product, a product, a sum; no fused multiply-add), so the results are
    /// the tensor form's bit for bit.
    /// </remarks>
    internal static unsafe bool TryRotateStepInPlace(Tensor q, int qHeads, Tensor k, int kHeads, Tensor cos, Tensor sin, int headDim)
    {
        if (torch.is_grad_enabled() || headDim % 2 != 0)
        {
            return false;
        }

        if (!TensorMemory.IsDenseCpuFloat32(q) || !TensorMemory.IsDenseCpuFloat32(k)
            || !TensorMemory.IsDenseCpuFloat32(cos) || !TensorMemory.IsDenseCpuFloat32(sin))
        {
            return false;
        }

        long rows = q.numel() / ((long)qHeads * headDim);
        bool perRow = cos.numel() == rows * headDim && rows > 1;
        if ((cos.numel() != headDim && !perRow) || sin.numel() != cos.numel() || q.dim() != 3 || q.shape[1] != 1
            || q.numel() != rows * qHeads * headDim || k.numel() != rows * kHeads * headDim || !TensorMemory.Available)
        {
            return false;
        }

        float* c = TensorMemory.Float32(cos);
        float* s = TensorMemory.Float32(sin);
        if (perRow)
        {
            float* qs = TensorMemory.Float32(q);
            float* ks = TensorMemory.Float32(k);
            for (long row = 0; row < rows; row++)
            {
                Rotate(qs + (row * qHeads * headDim), qHeads, headDim, c + (row * headDim), s + (row * headDim));
                Rotate(ks + (row * kHeads * headDim), kHeads, headDim, c + (row * headDim), s + (row * headDim));
            }
        }
        else
        {
            Rotate(TensorMemory.Float32(q), rows * qHeads, headDim, c, s);
            Rotate(TensorMemory.Float32(k), rows * kHeads, headDim, c, s);
        }
        GC.KeepAlive(q);
        GC.KeepAlive(k);
        GC.KeepAlive(cos);
        GC.KeepAlive(sin);
        return true;
    }

    private static unsafe void Rotate(float* x, long vectors, int headDim, float* cos, float* sin)
    {
        int half = headDim / 2;
        for (long v = 0; v < vectors; v++, x += headDim)
        {
            for (int i = 0; i < half; i++)
            {
                float first = x[i];
                float second = x[i + half];
                float rotatedFirst = -second;
                x[i] = (first * cos[i]) + (rotatedFirst * sin[i]);
                x[i + half] = (second * cos[i + half]) + (first * sin[i + half]);
            }
        }
    }

    public void Dispose() => inverseFrequencies.Dispose();
}
