using WrongOverWrong.Harness;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Harness;

public class MarginFilterTests
{
    internal static List<PairVerdict> Verdicts()
    {
        // Six pairs pooled from two questions: gaps 3, 2, 2, 1, 0 (a tie) and one abstention.
        var a = new AnswerSet(TestData.NumericQuestion("a"), Enumerable.Range(0, 4).Select(i => TestData.Candidate("a", i, "r" + i, "1")).ToList());
        var b = new AnswerSet(TestData.NumericQuestion("b"), Enumerable.Range(0, 4).Select(i => TestData.Candidate("b", i, "r" + i, "1")).ToList());
        return
        [
            new PairVerdict(TestData.Pair(a, 0, 1, true), "m", VerdictKind.First, 4, 1),    // gap 3, correct
            new PairVerdict(TestData.Pair(a, 0, 2, false), "m", VerdictKind.Second, 1, 3),  // gap 2, correct
            new PairVerdict(TestData.Pair(b, 0, 1, true), "m", VerdictKind.Second, 2, 4),   // gap 2, wrong
            new PairVerdict(TestData.Pair(b, 1, 2, false), "m", VerdictKind.Second, 2, 3),  // gap 1, correct
            new PairVerdict(TestData.Pair(b, 2, 3, true), "m", VerdictKind.Tie, 2, 2),      // gap 0, a miss
            new PairVerdict(TestData.Pair(a, 2, 3, true), "m", VerdictKind.Abstained),
        ];
    }

    [Fact]
    public void Margins_keep_the_largest_gaps_pooled_across_questions_and_never_abstentions()
    {
        var verdicts = Verdicts();

        Assert.Equal(5, MarginFilter.Apply(verdicts, Margin.M100)!.Count);
        Assert.Equal([3.0, 2.0, 2.0], MarginFilter.Apply(verdicts, Margin.M50)!.Select(v => v.Gap!.Value)); // ceil(0.5 x 5) = 3
        Assert.Equal([3.0], MarginFilter.Apply(verdicts, Margin.M10)!.Select(v => v.Gap!.Value));           // ceil(0.1 x 5) = 1
        Assert.Equal(2, MarginFilter.Apply(verdicts, new Margin("M_40", 0.4))!.Count);
    }

    [Fact]
    public void Equal_gaps_at_the_cut_are_chosen_by_seed_not_input_order()
    {
        var verdicts = Verdicts();
        var cut = new Margin("M_40", 0.4); // keeps gap 3 and one of the two gap-2 pairs
        var picks = Enumerable.Range(0, 20).Select(seed => MarginFilter.Apply(verdicts, cut, seed)![1]).Distinct().ToList();
        Assert.Equal(2, picks.Count);
        Assert.Equal(MarginFilter.Apply(verdicts, cut, 5)![1], MarginFilter.Apply(verdicts, cut, 5)![1]);
    }

    [Fact]
    public void Pairwise_verdicts_only_support_M_100()
    {
        var set = new AnswerSet(TestData.NumericQuestion("a"), [TestData.Candidate("a", 0, "x", "1"), TestData.Candidate("a", 1, "y", "2")]);
        List<PairVerdict> pairwise = [new(TestData.Pair(set, 0, 1, true), "pw", VerdictKind.First)];
        Assert.Single(MarginFilter.Apply(pairwise, Margin.M100)!);
        Assert.Null(MarginFilter.Apply(pairwise, Margin.M50));
        Assert.Throws<ArgumentException>(() => MarginFilter.Apply(pairwise, new Margin("bad", 0)));
    }
}
