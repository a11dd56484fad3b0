namespace WrongOverWrong;

/// <summary>
/// Two candidates of one question to be ordered, with the oracle's gold order.
/// </summary>
/// <param name="Set">The answer set both candidates belong to.</param>
/// <param name="First">The candidate with the lower sample index.</param>
/// <param name="Second">The candidate with the higher sample index.</param>
/// <param name="Kind">Whether this is a wrong-over-wrong or right-over-wrong pair.</param>
/// <param name="FirstIsBetter">The gold order: <see langword="true"/> when <paramref name="First"/> is less wrong (or the correct one).</param>
public sealed record CandidatePair(AnswerSet Set, Candidate First, Candidate Second, PairKind Kind, bool FirstIsBetter)
{
    /// <summary>The gold preferred (less wrong or correct) candidate.</summary>
    public Candidate Better => FirstIsBetter ? First : Second;

    /// <summary>The gold dispreferred candidate.</summary>
    public Candidate Worse => FirstIsBetter ? Second : First;
}
