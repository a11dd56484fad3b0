using CsCheck;
using WrongOverWrong.Pairing;

namespace WrongOverWrong.Core.Tests.Pairing;

/// <summary>
/// Pairing invariants on random graded sets, checked against a brute-force count of every kind of
/// pair: each wrong-over-wrong pair is two usable wrong answers with different proxies, each
/// right-over-wrong pair has exactly one correct answer, and the counts (not only an
/// <c>Assert.All</c> over a possibly empty list) match the reference and add up in the report.
/// </summary>
public class PairBuilderPropertyTests
{
    private static readonly Question Q = new() { Id = "q", Task = "numeric", Prompt = "?" };

    // Proxies repeat often (ties) and include the values that mark a candidate as unusable.
    private static readonly double[] Proxies = [-5, -2, -2, -1, 0.25, 0.5, double.NegativeInfinity, double.NaN];

    private static readonly Gen<GradedAnswerSet> Sets = Gen.Int[0, 9].SelectMany(n =>
        Gen.Select(Gen.Int[0, Proxies.Length - 1], Gen.Int[0, 3], Gen.Int[0, 9]).Array[n].Select(draws =>
            new GradedAnswerSet(Q, draws.Select((d, i) => Candidate(i, Proxies[d.Item1], correct: d.Item2 == 0, parsable: d.Item3 != 0)).ToArray())));

    private static GradedCandidate Candidate(int index, double proxy, bool correct, bool parsable) => new(
        new Candidate { QuestionId = Q.Id, Index = index, Generator = "g", Response = $"r{index}", FinalAnswer = parsable ? "x" : null },
        new Grade(correct ? 0 : proxy, correct ? 1 : 0, correct));

    private static bool Usable(GradedCandidate c) =>
        c.Candidate.IsParsable && !double.IsNaN(c.Grade.TrainingProxy) && !double.IsNegativeInfinity(c.Grade.TrainingProxy);

    [Fact]
    public void PairsAndCountsMatchABruteForceReference()
    {
        int nonEmpty = 0;
        Gen.Select(Sets.List[1, 4], Gen.Bool, Gen.Bool).Sample((sets, wow, row) =>
        {
            var result = new PairBuilder(new PairingOptions { IncludeWrongOverWrong = wow, IncludeRightOverWrong = row, MaxPairs = null }).Build(sets);
            var report = result.Report;

            long seen = 0, unusable = 0, bothCorrect = 0, ties = 0, wowPairs = 0, rowPairs = 0;
            foreach (var set in sets)
            {
                for (int i = 0; i < set.Candidates.Count; i++)
                {
                    for (int j = i + 1; j < set.Candidates.Count; j++)
                    {
                        var (a, b) = (set.Candidates[i], set.Candidates[j]);
                        seen++;
                        if (!Usable(a) || !Usable(b))
                        {
                            unusable++;
                        }
                        else if (a.IsCorrect && b.IsCorrect)
                        {
                            bothCorrect++;
                        }
                        else if (a.IsCorrect != b.IsCorrect)
                        {
                            rowPairs++;
                        }
                        else if (a.Grade.TrainingProxy == b.Grade.TrainingProxy)
                        {
                            ties++;
                        }
                        else
                        {
                            wowPairs++;
                        }
                    }
                }
            }

            Assert.Equal(sets.Count, report.Questions);
            Assert.Equal(sets.Sum(s => s.Candidates.Count), report.Candidates);
            Assert.Equal(sets.Sum(s => s.Candidates.Count(c => !Usable(c))), report.UnparsableCandidates);
            Assert.Equal(seen, report.CandidatePairsSeen);
            Assert.Equal(unusable, report.DroppedUnparsable);
            Assert.Equal(bothCorrect, report.DroppedBothCorrect);
            Assert.Equal(ties, report.DroppedTies);
            Assert.Equal(wow ? wowPairs : 0, report.WrongOverWrongFormed);
            Assert.Equal(row ? rowPairs : 0, report.RightOverWrongFormed);
            Assert.Equal((wow ? 0 : wowPairs) + (row ? 0 : rowPairs), report.DroppedKindNotRequested);
            Assert.Equal(seen, report.WrongOverWrongFormed + report.RightOverWrongFormed + report.DroppedUnparsable + report.DroppedTies + report.DroppedBothCorrect + report.DroppedKindNotRequested);
            Assert.Equal(0, report.DroppedByCap);
            Assert.Equal(result.Pairs.Count, report.Kept);

            Assert.Equal(report.WrongOverWrongFormed, result.Pairs.Count(p => p.Kind == PairKind.WrongOverWrong));
            Assert.Equal(report.RightOverWrongFormed, result.Pairs.Count(p => p.Kind == PairKind.RightOverWrong));
            foreach (var pair in result.Pairs)
            {
                Assert.True(Usable(pair.First) && Usable(pair.Second), "a pair with an unparsable candidate or a proxy of -inf or NaN");
                Assert.True(pair.First.Index < pair.Second.Index);
                if (pair.Kind == PairKind.WrongOverWrong)
                {
                    Assert.False(pair.First.IsCorrect || pair.Second.IsCorrect);
                    Assert.True(pair.Better.Grade.TrainingProxy > pair.Worse.Grade.TrainingProxy);
                }
                else
                {
                    Assert.True(pair.Better.IsCorrect);
                    Assert.False(pair.Worse.IsCorrect);
                }
            }

            if (result.Pairs.Count > 0)
            {
                Interlocked.Increment(ref nonEmpty);
            }
        }, iter: 1_000);

        // The generator must produce pairs most of the time, or the loop above checks nothing.
        Assert.InRange(nonEmpty, 500, 1_000);
    }

    [Fact]
    public void CandidatesWithAProxyOfMinusInfinityOrNaNAreNeverPaired()
    {
        var set = new GradedAnswerSet(Q,
        [
            Candidate(0, double.NegativeInfinity, correct: false, parsable: true),
            Candidate(1, double.NaN, correct: false, parsable: true),
            Candidate(2, -3, correct: false, parsable: true),
            Candidate(3, 0, correct: true, parsable: true),
        ]);

        var result = new PairBuilder(new PairingOptions { IncludeRightOverWrong = true }).Build([set]);

        // Only 2-3 (right over wrong) is usable; the five pairs touching 0 or 1 are dropped as unparsable.
        var pair = Assert.Single(result.Pairs);
        Assert.Equal((2, 3, PairKind.RightOverWrong), (pair.First.Index, pair.Second.Index, pair.Kind));
        Assert.Equal(5, result.Report.DroppedUnparsable);
        Assert.Equal(2, result.Report.UnparsableCandidates);
    }

    [Fact]
    public void ProxiesWithinTheTieToleranceTieAndBeyondItPair()
    {
        var set = new GradedAnswerSet(Q,
        [
            Candidate(0, -1.0, correct: false, parsable: true),
            Candidate(1, -1.0 + 1e-13, correct: false, parsable: true),
            Candidate(2, -1.0 + 1e-11, correct: false, parsable: true),
        ]);

        var report = new PairBuilder().Build([set]).Report;

        // 0-1 differ by 1e-13 (a tie under the default 1e-12); 0-2 and 1-2 differ by about 1e-11.
        Assert.Equal(1, report.DroppedTies);
        Assert.Equal(2, report.WrongOverWrongFormed);
    }

    [Fact]
    public void AProxyGapExactlyAtTheToleranceIsATie()
    {
        // 0.5 - 0.25 is exactly 0.25 in doubles: the tolerance is inclusive.
        var set = new GradedAnswerSet(Q, [Candidate(0, -0.5, correct: false, parsable: true), Candidate(1, -0.25, correct: false, parsable: true)]);

        var report = new PairBuilder(new PairingOptions { TieTolerance = 0.25 }).Build([set]).Report;

        Assert.Equal(1, report.DroppedTies);
        Assert.Equal(0, report.WrongOverWrongFormed);
    }

    [Fact]
    public void ANegativeCapIsRefusedAndAZeroCapKeepsNothing()
    {
        Assert.Throws<ArgumentException>(() => new PairBuilder(new PairingOptions { MaxPairs = -1 }));
        var set = new GradedAnswerSet(Q, [Candidate(0, -1, false, true), Candidate(1, -2, false, true)]);
        var result = new PairBuilder(new PairingOptions { MaxPairs = 0 }).Build([set]);
        Assert.Empty(result.Pairs);
        Assert.Equal(1, result.Report.DroppedByCap);
    }

    [Fact]
    public async Task Null_inputs_are_refused_by_name()
    {
        Assert.Equal("sets", Assert.Throws<ArgumentNullException>(() => new PairBuilder().Build(null!)).ParamName);
        Assert.Equal("sets", (await Assert.ThrowsAsync<ArgumentNullException>(() => new PairBuilder().BuildAsync(null!))).ParamName);
        Assert.Contains("MaxPairs -1", Assert.Throws<ArgumentException>(() => new PairBuilder(new PairingOptions { MaxPairs = -1 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_reads_as_one_line_with_every_count()
    {
        var set = new GradedAnswerSet(Q, [Candidate(0, -1, false, true), Candidate(1, -2, false, true), Candidate(2, 0, true, false)]);

        string text = new PairBuilder().Build([set]).Report.ToString();

        Assert.Equal(
            "1 questions, 3 candidates (1 unparsable); 3 candidate pairs: 1 WoW + 0 RoW formed, dropped 2 unparsable, 0 ties, "
            + "0 both correct, 0 kind not requested, 0 by cap; 1 kept.",
            text);
    }
}
