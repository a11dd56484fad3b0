using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Sampling;

/// <summary>
/// The common sampling case, temperature without top-k/top-p, in one C# pass per row over CPU
/// float32 logits: the tempered softmax draw by inverting the cumulative distribution, and the raw
/// log-probability of the drawn token.
/// </summary>
/// <remarks>
/// The tensor form (log_softmax, exp, a float64 copy, cumsum, searchsorted, gather) was 0.6-0.8 ms
/// of a 4-5 ms decoding step for 10 rows over 32000 tokens, mostly passes over the vocabulary and
/// fixed per-operation cost. This draws the same distribution from the same uniform numbers (one
/// per row from the same generator call), summing in float64 per block of 256 (float32 within a block); only the
/// rounding of the unnormalised exponentials differs, which can move a draw that lands within
/// ~1e-7 of a boundary between two tokens.
/// </remarks>
internal static unsafe class SoftmaxDrawKernel
{
    /// <summary>Entries per float64 partial sum: 32 vectors summed in float32, then widened once.</summary>
    private const int BlockSize = 256;

    [ThreadStatic]
    private static float[]? exponentialsBuffer;

    /// <summary>Whether <see cref="Draw"/> applies to these logits and options.</summary>
    public static bool CanUse(Tensor logits, SamplingOptions options)
    {
        float inverseTemperature = (float)(1.0 / options.Temperature);
        if (!(options.Temperature > 0 && float.IsFinite(inverseTemperature) && inverseTemperature > 0 && options.TopP >= 1)
            || logits.dim() != 2 || !TensorMemory.IsDenseCpuFloat32(logits))
        {
            return false;
        }

        long vocabulary = logits.shape[1];
        return (options.TopK <= 0 || options.TopK >= vocabulary) && vocabulary % 16 == 0 && vocabulary > 0
            && SmallBatchLinearKernel.Supported && TensorMemory.Available;
    }

    /// <summary>Tokens [rows] (int64) and their raw log-probabilities [rows] (float32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (Tensor Tokens, Tensor LogProbabilities) Draw(Tensor logits, double temperature, double[] uniforms)
    {
        long[] shape = logits.shape;
        int rows = (int)shape[0];
        int vocabulary = (int)shape[1];
        if (uniforms.Length != rows)
        {
            throw new ArgumentException($"{uniforms.Length} uniforms for {rows} rows.", nameof(uniforms));
        }

        var tokens = new long[rows];
        var logProbabilities = new float[rows];
        float* all = TensorMemory.Float32(logits);
        // Reused per thread: a fresh 128 KB array per step is a large-object allocation.
        float[] scratch = exponentialsBuffer is { } cached && cached.Length >= vocabulary ? cached : exponentialsBuffer = new float[vocabulary];
        double[] blockSums = new double[(vocabulary + BlockSize - 1) / BlockSize];
        fixed (float* exponentials = scratch)
        fixed (double* blocks = blockSums)
        {
            for (int row = 0; row < rows; row++)
            {
                (tokens[row], logProbabilities[row]) = DrawRow(all + ((long)row * vocabulary), vocabulary, (float)(1.0 / temperature), uniforms[row], exponentials, blocks)
                    ?? throw new InvalidOperationException($"Logits row {row} has no finite probability mass (NaN or infinite logits); the model's output is broken.");
            }
        }

        GC.KeepAlive(logits);
        return (torch.tensor(tokens), torch.tensor(logProbabilities));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (long Token, float LogProbability)? DrawRow(float* x, int vocabulary, float inverseTemperature, double uniform, float* exponentials, double* blocks)
    {
        Vector256<float> highest = Vector256.Create(float.NegativeInfinity);
        for (int k = 0; k < vocabulary; k += 8)
        {
            highest = Vector256.Max(highest, Vector256.Load(x + k));
        }

        float max = MaxLane(Vector128.Max(highest.GetLower(), highest.GetUpper()));

        if (!float.IsFinite(max))
        {
            return null; // all -inf, or a NaN/+inf logit
        }

        // exp((x - max) / T): the tempered distribution, unnormalised, with block sums in float64.
        Vector256<float> shift = Vector256.Create(max);
        Vector256<float> scale = Vector256.Create(inverseTemperature);
        double total = 0;
        for (int start = 0, block = 0; start < vocabulary; start += BlockSize, block++)
        {
            int end = Math.Min(vocabulary, start + BlockSize);
            Vector256<float> partial = Vector256<float>.Zero;
            for (int k = start; k < end; k += 8)
            {
                Vector256<float> e = Vector256.Exp((Vector256.Load(x + k) - shift) * scale);
                e.Store(exponentials + k);
                partial += e;
            }

            blocks[block] = Sum(partial);
            total += blocks[block];
        }

        if (!(total > 0) || !double.IsFinite(total))
        {
            return null; // a NaN logit below the max
        }

        // The raw (temperature 1) log-normaliser; at T = 1 the sum above is already it.
        double logNormaliser = inverseTemperature == 1f ? max + Math.Log(total) : RawLogNormaliser(x, vocabulary, max);

        double target = uniform * total;
        if (target >= total)
        {
            target = 0; // uniform < 1, but the product can round up to the total
        }

        // First index whose cumulative mass exceeds the target: skip whole blocks while their sum
        // stays at or below it, then scan entries. The cumulative only grows at positive entries,
        // so the index found never has zero probability.
        int blockCount = (vocabulary + BlockSize - 1) / BlockSize;
        int first = 0;
        double before = 0;
        while (first < blockCount - 1 && before + blocks[first] <= target)
        {
            before += blocks[first++];
        }

        int index = -1;
        double cumulative = before;
        for (int k = first * BlockSize; k < vocabulary; k++)
        {
            cumulative += exponentials[k];
            if (cumulative > target)
            {
                index = k;
                break;
            }
        }

        // Rounding between block sums and entry sums can leave the target just out of reach:
        // then the last token with any mass.
        for (int k = vocabulary - 1; index < 0 && k >= 0; k--)
        {
            if (exponentials[k] > 0)
            {
                index = k;
            }
        }

        return index < 0 ? null : (index, (float)(x[index] - logNormaliser));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double RawLogNormaliser(float* x, int vocabulary, float max)
    {
        Vector256<float> shift = Vector256.Create(max);
        double total = 0;
        for (int start = 0; start < vocabulary; start += BlockSize)
        {
            Vector256<float> partial = Vector256<float>.Zero;
            for (int k = start; k < Math.Min(vocabulary, start + BlockSize); k += 8)
            {
                partial += Vector256.Exp(Vector256.Load(x + k) - shift);
            }

            total += Sum(partial);
        }

        return max + Math.Log(total);
    }

    private static double Sum(Vector256<float> v)
    {
        (Vector256<double> low, Vector256<double> high) = Vector256.Widen(v);
        return Vector256.Sum(low + high);
    }

    private static float MaxLane(Vector128<float> v)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < Vector128<float>.Count; i++)
        {
            max = MathF.Max(max, v.GetElement(i));
        }

        return max;
    }
}
