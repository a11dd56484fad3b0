namespace WrongOverWrong;

/// <summary>
/// The elicitor's view of a pair: two candidates of one question, without grades or the gold order,
/// so "elicitors never see the oracle" holds by type.
/// </summary>
/// <param name="First">The candidate with the lower sample index.</param>
/// <param name="Second">The candidate with the higher sample index.</param>
public sealed record UngradedPair(Candidate First, Candidate Second);
