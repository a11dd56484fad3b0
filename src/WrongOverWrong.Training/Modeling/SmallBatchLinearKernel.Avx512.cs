using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WrongOverWrong.Training.Modeling;

/// <summary>The AVX-512 tiles of <see cref="SmallBatchLinearKernel"/>.</summary>
internal static unsafe partial class SmallBatchLinearKernel
{
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
            // One 64-byte line per weight row every step.
            if (ahead != null)
            {
                Prefetch(ahead + k, streaming);
                Prefetch(ahead + length + k, streaming);
                Prefetch(ahead + (2 * length) + k, streaming);
                Prefetch(ahead + (3 * length) + k, streaming);
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
}
