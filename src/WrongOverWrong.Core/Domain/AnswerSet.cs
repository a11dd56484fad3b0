namespace WrongOverWrong;

/// <summary>All sampled candidates for one question.</summary>
/// <param name="Question">The question answered.</param>
/// <param name="Candidates">The candidates, in sample order (<see cref="Candidate.Index"/> = position).</param>
public sealed record AnswerSet(Question Question, IReadOnlyList<Candidate> Candidates);
