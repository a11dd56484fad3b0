using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// output[m, n] = Σ_k input[m, k] · weight[n, k] for a few input rows, in AVX-512 or AVX2: the shape
/// of a decoding step (one new token for each of a handful of samples). Each weight row is read
/// from memory once and used for every input row while it sits in L1.
/// </summary>
/// <remarks>
/// An AVX-512 tile is up to 5 input rows by 4 weight rows: 20 accumulators, 4 weight vectors and one
/// input vector fit its 32 registers; with AVX2's 16 registers a tile is up to 2 rows by 4. With so
/// few rows the work is bound by streaming the weights, and the hardware prefetcher alone kept a
/// 256 x 32000 head at ~8 GB/s, so each tile prefetches the weight rows two tiles ahead (1.5 ms
/// instead of 4 ms for that head on one core); a large weight (the vocabulary head) is prefetched
/// non-temporally so that it does not flush the caches.
/// </remarks>
internal static unsafe partial class SmallBatchLinearKernel
{
    /// <summary>Weight rows handled per tile.</summary>
    private const int Columns = 4;

    /// <summary>Input rows handled per tile at most, with AVX-512 and with AVX2.</summary>
    private const int MaxWideTileRows = 5;
    private const int MaxNarrowTileRows = 2;

    /// <summary>How far ahead (in weight rows) each tile prefetches.</summary>
    private const int PrefetchRows = 2 * Columns;

    /// <summary>
    /// Weights at least this large are prefetched non-temporally: read once per decoding step, they
    /// would otherwise evict the layer weights and KV cache that the next step reads again.
    /// </summary>
    private const long StreamingBytes = 8L << 20;

    /// <summary>Whether this CPU runs the AVX-512 tiles.</summary>
    public static bool Wide => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>Whether this CPU can run the kernel at all (AVX-512, or AVX2 with FMA).</summary>
    public static bool Supported => Wide || (Avx2.IsSupported && Fma.IsSupported && Vector256.IsHardwareAccelerated);

    /// <summary>Computes output [rows, outFeatures].</summary>
    /// <param name="input">[rows, inFeatures], contiguous.</param>
    /// <param name="weight">[outFeatures, inFeatures], contiguous.</param>
    /// <param name="output">[rows, outFeatures], contiguous.</param>
    /// <param name="rows">Input rows.</param>
    /// <param name="outFeatures">Weight rows.</param>
    /// <param name="inFeatures">Shared length, a multiple of 16.</param>
    /// <param name="wide">AVX-512 tiles (needs <see cref="Wide"/>), else AVX2 tiles; tests run both.</param>
    public static void Run(float* input, float* weight, float* output, int rows, int outFeatures, int inFeatures, bool wide)
    {
        int maxTileRows = wide ? MaxWideTileRows : MaxNarrowTileRows;
        int fullBlocks = outFeatures / Columns;
        bool streaming = (long)outFeatures * inFeatures * sizeof(float) >= StreamingBytes;
        for (int block = 0; block < fullBlocks; block++)
        {
            int n = block * Columns;
            float* prefetch = weight + ((long)Math.Min(n + PrefetchRows, outFeatures - Columns) * inFeatures);
            for (int m = 0; m < rows; m += maxTileRows)
            {
                float* x = input + ((long)m * inFeatures);
                float* w = weight + ((long)n * inFeatures);
                float* o = output + ((long)m * outFeatures) + n;

                // Only the first row group streams the weights in; the others find them in L1.
                float* ahead = m == 0 ? prefetch : null;
                switch ((wide, Math.Min(maxTileRows, rows - m)))
                {
                    case (true, 5): Tile<Rows5>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    case (true, 4): Tile<Rows4>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    case (true, 3): Tile<Rows3>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    case (true, 2): Tile<Rows2>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    case (true, _): Tile<Rows1>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    case (false, 2): NarrowTile<Rows2>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                    default: NarrowTile<Rows1>(x, w, o, outFeatures, inFeatures, ahead, streaming); break;
                }
            }
        }

        // The last outFeatures % 4 weight rows, one dot product per output.
        for (int n = fullBlocks * Columns; n < outFeatures; n++)
        {
            for (int m = 0; m < rows; m++)
            {
                float* x = input + ((long)m * inFeatures);
                float* w = weight + ((long)n * inFeatures);
                output[((long)m * outFeatures) + n] = wide ? Dot(x, w, inFeatures) : NarrowDot(x, w, inFeatures);
            }
        }
    }

    /// <summary>Prefetches the 64-byte line at <paramref name="address"/>, non-temporally for streamed weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(float* address, bool streaming)
    {
        if (streaming)
        {
            Sse.PrefetchNonTemporal(address);
        }
        else
        {
            Sse.Prefetch0(address);
        }
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
