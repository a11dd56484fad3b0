namespace WrongOverWrong.Training.Sampling;

/// <summary>
/// The random stream of one sampled completion: every draw is a pure function of the completion's
/// seed and its step, so a completion does not depend on the batch it shares, on the order of rows
/// or on the thread count.
/// </summary>
/// <remarks>
/// Draw <c>t</c> (0-based) of seed <c>s</c> is SplitMix64's output function applied to
/// <c>s + (t + 1) * 0x9E3779B97F4A7C15</c> (mod 2^64), its top 53 bits scaled to [0, 1): a counter-based
/// generator, as stateless as Philox but cheap enough to run per row in C# before the fused draw.
/// </remarks>
public static class SamplingSeeds
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// The seed of completion <paramref name="index"/> of a request seeded with <paramref name="seed"/>:
    /// the seed itself for the first completion (so one sample with seed s is the batch row with seed s),
    /// SplitMix64 of (seed, index) for the others.
    /// </summary>
    public static long ForSample(long seed, int index) =>
        index == 0 ? seed : (long)(Mix(unchecked((ulong)seed ^ (Golden * (ulong)index))) & long.MaxValue);

    /// <summary>The uniform number in [0, 1) of draw <paramref name="step"/> of the stream seeded with <paramref name="seed"/>.</summary>
    public static double Uniform(long seed, int step) =>
        (Mix(unchecked((ulong)seed + ((ulong)(step + 1) * Golden))) >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
