using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

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

    /// <summary>Rotates x [batch, heads, seq, head_dim] by cos/sin [seq, head_dim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = torch.NewDisposeScope();
        long half = x.shape[^1] / 2;
        Tensor first = x.narrow(-1, 0, half);
        Tensor second = x.narrow(-1, half, half);
        Tensor rotated = torch.cat([-second, first], dim: -1);
        return ((x * cos) + (rotated * sin)).MoveToOuterDisposeScope();
    }

    public void Dispose() => inverseFrequencies.Dispose();
}
