using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Pairing;

namespace WrongOverWrong.Core.Tests.Pairing;

public class PairBuilderTests
{
    private static readonly Question Q = new() { Id = "q", Task = "numeric", Prompt = "?" };

    private static GradedCandidate C(int index, Grade grade, bool parsable = true, string questionId = "q") => new(
        new Candidate
        {
            QuestionId = questionId,
            Index = index,
            Generator = "g",
            Response = $"r{index}",
            FinalAnswer = parsable ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        },
        grade);

    // 0 wrong(-2), 1 wrong(-2), 2 wrong(-5), 3 correct, 4 unparsable, 5 correct: 15 pairs.
    private static GradedAnswerSet Mixed(string id = "q") => new(Q with { Id = id },
    [
        C(0, new Grade(-2, 0.5, false), questionId: id),
        C(1, new Grade(-2, 0.5, false), questionId: id),
        C(2, new Grade(-5, 0.1, false), questionId: id),
        C(3, new Grade(0, 1, true), questionId: id),
        C(4, Grade.Unparsable, parsable: false, questionId: id),
        C(5, new Grade(0, 1, true), questionId: id),
    ]);

    [Fact]
    public void Wrong_over_wrong_pairs_with_every_drop_counted()
    {
        var result = new PairBuilder(new PairingOptions()).Build([Mixed()]);
        var r = result.Report;
        Assert.Equal(15, r.CandidatePairsSeen);
        Assert.Equal(2, r.WrongOverWrongFormed);
        Assert.Equal(0, r.RightOverWrongFormed);
        Assert.Equal(5, r.DroppedUnparsable);
        Assert.Equal(1, r.DroppedTies);
        Assert.Equal(1, r.DroppedBothCorrect);
        Assert.Equal(6, r.DroppedKindNotRequested);
        Assert.Equal(0, r.DroppedByCap);
        Assert.Equal(2, r.Kept);
        Assert.Equal(1, r.UnparsableCandidates);
        Assert.Equal(r.CandidatePairsSeen, r.WrongOverWrongFormed + r.RightOverWrongFormed + r.DroppedUnparsable + r.DroppedTies + r.DroppedBothCorrect + r.DroppedKindNotRequested);

        Assert.Equal([(0, 2), (1, 2)], result.Pairs.Select(p => (p.First.Index, p.Second.Index)));
        Assert.Equal(2, result.Pairs.Count(p => p.Kind == PairKind.WrongOverWrong));
        Assert.All(result.Pairs, p => Assert.Equal(PairWinner.First, p.Gold)); // -2 is less wrong than -5
    }

    [Fact]
    public void Right_over_wrong_pairs_prefer_the_correct_candidate()
    {
        var result = new PairBuilder(new PairingOptions { IncludeRightOverWrong = true, IncludeWrongOverWrong = false }).Build([Mixed()]);
        Assert.Equal(6, result.Report.RightOverWrongFormed);
        Assert.Equal(2, result.Report.DroppedKindNotRequested); // the two WoW pairs
        // The pairs themselves, not only the counter: every wrong (0, 1, 2) with every correct (3, 5).
        Assert.Equal([(0, 3), (0, 5), (1, 3), (1, 5), (2, 3), (2, 5)], result.Pairs.Select(p => (p.First.Index, p.Second.Index)));
        Assert.Equal(6, result.Pairs.Count(p => p.Kind == PairKind.RightOverWrong));
        Assert.All(result.Pairs, p => Assert.True(p.Better.Grade.IsCorrect));
        Assert.All(result.Pairs, p => Assert.False(p.Worse.Grade.IsCorrect));
        Assert.All(result.Pairs, p => Assert.Equal(PairWinner.Second, p.Gold)); // wrong ones (0-2) have lower indices than 3 and 5
    }

    [Fact]
    public void Lower_index_is_first_even_when_candidates_arrive_out_of_order()
    {
        var set = new GradedAnswerSet(Q, [C(1, new Grade(-1, 0.9, false)), C(0, new Grade(-3, 0.5, false))]);
        var pair = Assert.Single(new PairBuilder().Build([set]).Pairs);
        Assert.Equal(0, pair.First.Index);
        Assert.Equal(PairWinner.Second, pair.Gold);
        Assert.Equal(1, pair.Better.Index);
    }

    [Fact]
    public void Cap_samples_with_the_seed_and_keeps_input_order()
    {
        var sets = Enumerable.Range(0, 10).Select(i => Mixed($"q{i}")).ToList(); // 20 WoW pairs in all
        var all = new PairBuilder(new PairingOptions { MaxPairs = null }).Build(sets).Pairs;
        Assert.Equal(20, all.Count);

        var a = new PairBuilder(new PairingOptions { MaxPairs = 7, Seed = 1 }).Build(sets);
        var b = new PairBuilder(new PairingOptions { MaxPairs = 7, Seed = 1 }).Build(sets);
        var c = new PairBuilder(new PairingOptions { MaxPairs = 7, Seed = 2 }).Build(sets);
        Assert.Equal(7, a.Pairs.Count);
        Assert.Equal(13, a.Report.DroppedByCap);
        Assert.Equal(7, a.Report.Kept);
        Assert.Equal(a.Pairs, b.Pairs);
        Assert.NotEqual(a.Pairs, c.Pairs);

        var positions = a.Pairs.Select(p => all.ToList().FindIndex(x => x.Set.Question.Id == p.Set.Question.Id && x.First.Index == p.First.Index && x.Second.Index == p.Second.Index)).ToList();
        Assert.Equal(7, positions.Count(p => p >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Async_stream_gives_the_same_pairs()
    {
        static async IAsyncEnumerable<GradedAnswerSet> Stream()
        {
            await Task.Yield();
            yield return Mixed("a");
            yield return Mixed("b");
        }

        var result = await new PairBuilder().BuildAsync(Stream());
        Assert.Equal(4, result.Report.Kept);
        Assert.Equal(["a", "a", "b", "b"], result.Pairs.Select(p => p.Set.Question.Id));
    }

    [Fact]
    public void Knowledge_crosswords_style_thirds_tie_only_when_equal()
    {
        var set = new GradedAnswerSet(Q,
        [
            C(0, new Grade(1 / 3.0, 1 / 3.0, false)),
            C(1, new Grade(1.0 / 3, 1.0 / 3, false)),
            C(2, new Grade(2 / 3.0, 2 / 3.0, false)),
        ]);
        var result = new PairBuilder().Build([set]);
        Assert.Equal(1, result.Report.DroppedTies);
        Assert.Equal(2, result.Report.WrongOverWrongFormed);
        Assert.Equal([2, 2], result.Pairs.Select(p => p.Better.Index));
    }
}
