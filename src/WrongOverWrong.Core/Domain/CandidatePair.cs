using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong;

/// <summary>
/// Two graded candidates of one question to be ordered, with the oracle's gold order.
/// </summary>
/// <param name="Set">The graded answer set both candidates belong to.</param>
/// <param name="First">The candidate with the lower sample index.</param>
/// <param name="Second">The candidate with the higher sample index.</param>
/// <param name="Kind">Whether this is a wrong-over-wrong or right-over-wrong pair.</param>
/// <param name="Gold">The gold order: which of <paramref name="First"/> and <paramref name="Second"/> is less wrong (or the correct one).</param>
public sealed record CandidatePair(GradedAnswerSet Set, GradedCandidate First, GradedCandidate Second, PairKind Kind, PairWinner Gold)
{
    /// <summary>The gold preferred (less wrong or correct) candidate.</summary>
    public GradedCandidate Better => Gold == PairWinner.First ? First : Second;

    /// <summary>The gold dispreferred candidate.</summary>
    public GradedCandidate Worse => Gold == PairWinner.First ? Second : First;

    /// <summary>The pair as an elicitor sees it: the two candidates, without grades or the gold order.</summary>
    public UngradedPair ToUngraded() => new(First.Candidate, Second.Candidate);
}
