namespace WrongOverWrong;

/// <summary>An answer set whose every candidate carries the oracle's grade.</summary>
/// <param name="Question">The question answered.</param>
/// <param name="Candidates">The graded candidates, in sample order.</param>
public sealed record GradedAnswerSet(Question Question, IReadOnlyList<GradedCandidate> Candidates)
{
    /// <summary>The same set without grades: what elicitors are shown.</summary>
    public AnswerSet ToAnswerSet() => new(Question, Candidates.Select(c => c.Candidate).ToList());
}
