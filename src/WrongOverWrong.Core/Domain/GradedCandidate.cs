namespace WrongOverWrong;

/// <summary>A candidate with the oracle's grade: what grading produces and pairing consumes.</summary>
/// <param name="Candidate">The sampled response.</param>
/// <param name="Grade">The oracle's grade (<see cref="Grade.Unparsable"/> for an unparsable answer).</param>
public sealed record GradedCandidate(Candidate Candidate, Grade Grade)
{
    /// <summary>The candidate's position in its answer set.</summary>
    public int Index => Candidate.Index;

    /// <summary>The candidate's response text.</summary>
    public string Response => Candidate.Response;

    /// <summary>Whether the oracle counts the answer as correct.</summary>
    public bool IsCorrect => Grade.IsCorrect;
}
