using System.Collections;
using System.Runtime.CompilerServices;
using WrongOverWrong.Elicitation;

namespace WrongOverWrong.Tests.TestDoubles;

/// <summary>An elicitor's verdicts on graded test pairs, with what the call cost.</summary>
public sealed class Judged(IReadOnlyList<PairVerdict> verdicts, ElicitationCost cost) : IReadOnlyList<PairVerdict>
{
    public ElicitationCost Cost { get; } = cost;

    public int Count => verdicts.Count;

    public PairVerdict this[int index] => verdicts[index];

    public IEnumerator<PairVerdict> GetEnumerator() => verdicts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

public static class Elicitations
{
    /// <summary>
    /// Runs an elicitor as the harness does: it sees the ungraded set and pairs only; its predictions
    /// are then joined with the graded pairs (and their gold order) into verdicts.
    /// </summary>
    public static async Task<Judged> ElicitVerdictsAsync(this IPreferenceElicitor elicitor, AnswerSet set, IReadOnlyList<CandidatePair> pairs, CancellationToken cancellationToken = default)
    {
        var result = await elicitor.ElicitAsync(set, pairs.Select(p => p.ToUngraded()).ToList(), cancellationToken);
        Assert.Equal(pairs.Count, result.Orders.Count);
        var verdicts = pairs.Select((p, i) => new PairVerdict(p, elicitor.Name, result.Orders[i].Predicted, result.Orders[i].FirstScore, result.Orders[i].SecondScore)).ToList();
        return new Judged(verdicts, result.Cost);
    }
}

/// <summary>Test grading: one graded instance per answer set, so pairs of one question share it as the harness requires.</summary>
public static class TestGrading
{
    private static readonly ConditionalWeakTable<AnswerSet, GradedAnswerSet> Graded = new();

    /// <summary>The set with a placeholder grade (proxy 0, wrong) on every candidate; tests that need real grades use an oracle.</summary>
    public static GradedAnswerSet WithPlaceholderGrades(AnswerSet set) =>
        Graded.GetValue(set, s => new GradedAnswerSet(s.Question, s.Candidates.Select(c => new GradedCandidate(c, new Grade(0, 0, false))).ToList()));
}
