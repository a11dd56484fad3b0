using System.Text;

namespace WrongOverWrong.Sources;

/// <summary>Stable, seeded option orders for multiple-choice sampling.</summary>
internal static class OptionPermutation
{
    /// <summary>
    /// The shown order for one sample: <c>order[k]</c> = underlying option shown at letter A + k.
    /// Depends only on (seed, question id, sample index), so reruns and resumes reproduce it.
    /// </summary>
    public static int[] Create(int seed, string questionId, int sampleIndex, int optionCount)
    {
        var random = new Random(StableSeed(seed, questionId, sampleIndex));
        var order = Enumerable.Range(0, optionCount).ToArray();
        random.Shuffle(order);
        return order;
    }

    /// <summary>A process-independent seed (string.GetHashCode is randomised per process).</summary>
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
