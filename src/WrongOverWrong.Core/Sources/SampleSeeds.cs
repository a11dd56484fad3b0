using System.Text;

namespace WrongOverWrong.Sources;

/// <summary>Stable per-(question, sample) seeds, so reruns and resumes reproduce option orders and batches.</summary>
internal static class SampleSeeds
{
    /// <summary>
    /// The shown option order for one sample (<c>order[k]</c> = underlying option shown at letter A + k).
    /// Depends only on (seed, question id, sample index).
    /// </summary>
    public static int[] OptionOrder(int seed, string questionId, int sampleIndex, int optionCount) =>
        Tasks.OptionPermutation.Shuffle(optionCount, new Random(StableSeed(seed, questionId, sampleIndex)));

    /// <summary>A process-independent seed (FNV-1a; string.GetHashCode is randomised per process).</summary>
    public static int StableSeed(int seed, string key, int index)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(key))
            {
                hash = (hash ^ b) * 16777619u;
            }

            hash = (hash ^ (uint)seed) * 16777619u;
            hash = (hash ^ (uint)index) * 16777619u;
            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
