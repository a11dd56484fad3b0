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

    /// <summary>
    /// The sampling seed of one answer: 64-bit FNV-1a over the UTF-8 question id, then the run seed
    /// and the sample index (4 bytes each, little-endian), with the top bit cleared. Stable across
    /// processes, platforms and runs.
    /// </summary>
    public static long AnswerSeed(int seed, string questionId, int sampleIndex)
    {
        unchecked
        {
            var hash = 14695981039346656037UL;
            void Add(byte b) => hash = (hash ^ b) * 1099511628211UL;
            foreach (var b in Encoding.UTF8.GetBytes(questionId))
            {
                Add(b);
            }

            for (var shift = 0; shift < 32; shift += 8)
            {
                Add((byte)(seed >> shift));
            }

            for (var shift = 0; shift < 32; shift += 8)
            {
                Add((byte)(sampleIndex >> shift));
            }

            return (long)(hash & long.MaxValue);
        }
    }

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
