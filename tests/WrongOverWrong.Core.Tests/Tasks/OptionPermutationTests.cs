using WrongOverWrong.Tasks;

namespace WrongOverWrong.Core.Tests.Tasks;

public class OptionPermutationTests
{
    [Fact]
    public void Shuffle_is_a_seeded_permutation()
    {
        var a = OptionPermutation.Shuffle(4, new Random(9));
        Assert.Equal([0, 1, 2, 3], a.Order());
        Assert.Equal(a, OptionPermutation.Shuffle(4, new Random(9)));

        // Every order of 3 options appears over enough draws (a uniform shuffle reaches all 6).
        var rng = new Random(1);
        var seen = Enumerable.Range(0, 200).Select(_ => string.Join(",", OptionPermutation.Shuffle(3, rng))).ToHashSet();
        Assert.Equal(6, seen.Count);
    }

    [Fact]
    public void Validate_rejects_non_permutations()
    {
        OptionPermutation.Validate([1, 0], 2);
        Assert.Throws<ArgumentException>(() => OptionPermutation.Validate([1, 1], 2));
        Assert.Throws<ArgumentException>(() => OptionPermutation.Validate([0, 1, 2], 2));
    }
}
