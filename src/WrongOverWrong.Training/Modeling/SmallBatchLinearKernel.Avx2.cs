using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// The AVX2 tiles of <see cref="SmallBatchLinearKernel"/>, for CPUs without AVX-512 (most laptop
/// processors): 256-bit vectors and at most 2 input rows by 4 weight rows, so 8 accumulators, 4
/// weight vectors and an input vector fit the 16 registers.
/// </summary>
internal static unsafe partial class SmallBatchLinearKernel
{
    private static float NarrowDot(float* x, float* w, int length)
    {
        Vector256<float> sum = Vector256<float>.Zero;
        for (int k = 0; k < length; k += 8)
        {
            sum = Fma.MultiplyAdd(Vector256.Load(x + k), Vector256.Load(w + k), sum);
        }

        return Vector256.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NarrowTile<TRows>(float* x, float* w, float* o, int ldo, int length, float* ahead, bool streaming)
        where TRows : struct, IRowCount
    {
        Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector256<float> a10 = default, a11 = default, a12 = default, a13 = default;
        float* w1 = w + length, w2 = w + (2 * length), w3 = w + (3 * length);
        for (int k = 0; k < length; k += 8)
        {
            // One 64-byte line per weight row every second step.
            if (ahead != null && (k & 15) == 0)
            {
                Prefetch(ahead + k, streaming);
                Prefetch(ahead + length + k, streaming);
                Prefetch(ahead + (2 * length) + k, streaming);
                Prefetch(ahead + (3 * length) + k, streaming);
            }

            Vector256<float> v0 = Vector256.Load(w + k), v1 = Vector256.Load(w1 + k), v2 = Vector256.Load(w2 + k), v3 = Vector256.Load(w3 + k);
            Vector256<float> u = Vector256.Load(x + k);
            a00 = Fma.MultiplyAdd(u, v0, a00); a01 = Fma.MultiplyAdd(u, v1, a01);
            a02 = Fma.MultiplyAdd(u, v2, a02); a03 = Fma.MultiplyAdd(u, v3, a03);
            if (TRows.Count > 1)
            {
                u = Vector256.Load(x + length + k);
                a10 = Fma.MultiplyAdd(u, v0, a10); a11 = Fma.MultiplyAdd(u, v1, a11);
                a12 = Fma.MultiplyAdd(u, v2, a12); a13 = Fma.MultiplyAdd(u, v3, a13);
            }
        }

        NarrowStoreSums(o, a00, a01, a02, a03);
        if (TRows.Count > 1)
        {
            NarrowStoreSums(o + ldo, a10, a11, a12, a13);
        }
    }

    /// <summary>Writes the four lane sums of <paramref name="a0"/>..<paramref name="a3"/> to o[0..3] with one store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NarrowStoreSums(float* o, Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3)
    {
        Vector256<float> pairs = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
        (pairs.GetLower() + pairs.GetUpper()).Store(o);
    }
}
