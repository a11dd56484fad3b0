using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WrongOverWrong.Training;

/// <summary>
/// output[m, n] = Σ_k input[m, k] · weight[n, k] for a few input rows, in AVX-512: the shape of a
/// decoding step (one new token for each of a handful of samples). Each weight row is read from
/// memory once and used for every input row while it sits in L1.
/// </summary>
/// <remarks>
/// A tile is up to 5 input rows by 4 weight rows: 20 accumulators, 4 weight vectors and one input
/// vector fit AVX-512's 32 registers. With so few rows the work is bound by streaming the weights,
/// and the hardware prefetcher alone kept a 256 x 32000 head at ~8 GB/s, so each tile prefetches the
/// weight rows two tiles ahead (1.5 ms instead of 4 ms for that head on one core); a large weight
/// (the vocabulary head) is prefetched non-temporally so that it does not flush the caches.
/// </remarks>
internal static unsafe class SmallBatchLinearKernel
{
    /// <summary>Weight rows handled per tile.</summary>
    private const int Columns = 4;

    /// <summary>Input rows handled per tile at most.</summary>
    private const int MaxTileRows = 5;

    /// <summary>How far ahead (in weight rows) each tile prefetches.</summary>
    private const int PrefetchRows = 2 * Columns;

    /// <summary>
    /// Weights at least this large are prefetched non-temporally: read once per decoding step, they
    /// would otherwise evict the layer weights and KV cache that the next step reads again.
    /// </summary>
    private const long StreamingBytes = 8L << 20;

    /// <summary>Whether this CPU can run the kernel.</summary>
    public static bool Supported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>Computes output [rows, outFeatures].</summary>
    /// <param name="input">[rows, inFeatures], contiguous.</param>
    /// <param name="weight">[outFeatures, inFeatures], contiguous.</param>
    /// <param name="output">[rows, outFeatures], contiguous.</param>
    /// <param name="rows">Input rows.</param>
    /// <param name="outFeatures">Weight rows.</param>
    /// <param name="inFeatures">Shared length, a multiple of 16.</param>
    public static void Run(float* input, float* weight, float* output, int rows, int outFeatures, int inFeatures)
    {
        int fullBlocks = outFeatures / Columns;
        bool streaming = (long)outFeatures * inFeatures * sizeof(float) >= StreamingBytes;
        for (int block = 0; block < fullBlocks; block++)
        {
            int n = block * Columns;
            float* prefetch = weight + ((long)Math.Min(n + PrefetchRows, outFeatures - Columns) * inFeatures);
            for (int m = 0; m < rows; m += MaxTileRows)
            {
                float* x = input + ((long)m * inFeatures);
                float* w = weight + ((long)n * inFeatures);
                float* o = output + ((long)m * outFeatures) + n;

                // Only the first row group streams the weights in; the others find them in L1.
                float* ahead = m == 0 ? prefetch : null;
                switch (Math.Min(MaxTileRows, rows - m))
                {
                    case 5: Tile<Rows5>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    case 4: Tile<Rows4>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    case 3: Tile<Rows3>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    case 2: Tile<Rows2>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    default: Tile<Rows1>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                }
            }
        }

        // The last outFeatures % 4 weight rows, one dot product per output.
        for (int n = fullBlocks * Columns; n < outFeatures; n++)
        {
            for (int m = 0; m < rows; m++)
            {
                output[((long)m * outFeatures) + n] = Dot(input + ((long)m * inFeatures), weight + ((long)n * inFeatures), inFeatures);
            }
        }
    }

    private static float Dot(float* x, float* w, int length)
    {
        Vector512<float> sum = Vector512<float>.Zero;
        for (int k = 0; k < length; k += 16)
        {
            sum = Avx512F.FusedMultiplyAdd(Vector512.Load(x + k), Vector512.Load(w + k), sum);
        }

        return Vector512.Sum(sum);
    }

    // The row count is a type argument so the JIT compiles one specialised body per count, with the
    // unused accumulators and branches removed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(float* x, float* w, float* o, int ldo, int length, float* ahead, bool streaming)
        where TRows : struct, IRowCount
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        Vector512<float> a40 = default, a41 = default, a42 = default, a43 = default;
        float* w1 = w + length, w2 = w + (2 * length), w3 = w + (3 * length);
        for (int k = 0; k < length; k += 16)
        {
            if (ahead != null)
            {
                if (streaming)
                {
                    Sse.PrefetchNonTemporal(ahead + k);
                    Sse.PrefetchNonTemporal(ahead + length + k);
                    Sse.PrefetchNonTemporal(ahead + (2 * length) + k);
                    Sse.PrefetchNonTemporal(ahead + (3 * length) + k);
                }
                else
                {
                    Sse.Prefetch0(ahead + k);
                    Sse.Prefetch0(ahead + length + k);
                    Sse.Prefetch0(ahead + (2 * length) + k);
                    Sse.Prefetch0(ahead + (3 * length) + k);
                }
            }

            Vector512<float> v0 = Vector512.Load(w + k), v1 = Vector512.Load(w1 + k), v2 = Vector512.Load(w2 + k), v3 = Vector512.Load(w3 + k);
            Vector512<float> u = Vector512.Load(x + k);
            a00 = Avx512F.FusedMultiplyAdd(u, v0, a00); a01 = Avx512F.FusedMultiplyAdd(u, v1, a01);
            a02 = Avx512F.FusedMultiplyAdd(u, v2, a02); a03 = Avx512F.FusedMultiplyAdd(u, v3, a03);
            if (TRows.Count > 1)
            {
                u = Vector512.Load(x + length + k);
                a10 = Avx512F.FusedMultiplyAdd(u, v0, a10); a11 = Avx512F.FusedMultiplyAdd(u, v1, a11);
                a12 = Avx512F.FusedMultiplyAdd(u, v2, a12); a13 = Avx512F.FusedMultiplyAdd(u, v3, a13);
            }

            if (TRows.Count > 2)
            {
                u = Vector512.Load(x + (2 * length) + k);
                a20 = Avx512F.FusedMultiplyAdd(u, v0, a20); a21 = Avx512F.FusedMultiplyAdd(u, v1, a21);
                a22 = Avx512F.FusedMultiplyAdd(u, v2, a22); a23 = Avx512F.FusedMultiplyAdd(u, v3, a23);
            }

            if (TRows.Count > 3)
            {
                u = Vector512.Load(x + (3 * length) + k);
                a30 = Avx512F.FusedMultiplyAdd(u, v0, a30); a31 = Avx512F.FusedMultiplyAdd(u, v1, a31);
                a32 = Avx512F.FusedMultiplyAdd(u, v2, a32); a33 = Avx512F.FusedMultiplyAdd(u, v3, a33);
            }

            if (TRows.Count > 4)
            {
                u = Vector512.Load(x + (4 * length) + k);
                a40 = Avx512F.FusedMultiplyAdd(u, v0, a40); a41 = Avx512F.FusedMultiplyAdd(u, v1, a41);
                a42 = Avx512F.FusedMultiplyAdd(u, v2, a42); a43 = Avx512F.FusedMultiplyAdd(u, v3, a43);
            }
        }

        StoreSums(o, a00, a01, a02, a03);
        if (TRows.Count > 1)
        {
            StoreSums(o + ldo, a10, a11, a12, a13);
        }

        if (TRows.Count > 2)
        {
            StoreSums(o + (2 * ldo), a20, a21, a22, a23);
        }

        if (TRows.Count > 3)
        {
            StoreSums(o + (3 * ldo), a30, a31, a32, a33);
        }

        if (TRows.Count > 4)
        {
            StoreSums(o + (4 * ldo), a40, a41, a42, a43);
        }
    }

    /// <summary>Writes the four lane sums of <paramref name="a0"/>..<paramref name="a3"/> to o[0..3] with one store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSums(float* o, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
    {
        Vector256<float> s0 = a0.GetLower() + a0.GetUpper(), s1 = a1.GetLower() + a1.GetUpper();
        Vector256<float> s2 = a2.GetLower() + a2.GetUpper(), s3 = a3.GetLower() + a3.GetUpper();
        Vector256<float> pairs = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
        (pairs.GetLower() + pairs.GetUpper()).Store(o);
    }

    private interface IRowCount
    {
        static abstract int Count { get; }
    }

    private readonly struct Rows1 : IRowCount { public static int Count => 1; }

    private readonly struct Rows2 : IRowCount { public static int Count => 2; }

    private readonly struct Rows3 : IRowCount { public static int Count => 3; }

    private readonly struct Rows4 : IRowCount { public static int Count => 4; }

    private readonly struct Rows5 : IRowCount { public static int Count => 5; }
}
