namespace WrongOverWrong.Tasks.MultipleChoice;

/// <summary>
/// The chess-puzzle proxy of the paper: an engine evaluation turned into a win chance, used as the
/// option proxy of a <see cref="GradedChoiceOracle"/> question (the best of the 4 moves is correct).
/// </summary>
public static class ChessWinChance
{
    /// <summary>Win chance 1 / (1 + 10^(-cp/400)) for an evaluation in centipawns from the mover's side.</summary>
    /// <param name="centipawns">The engine evaluation after the move.</param>
    public static double FromCentipawns(double centipawns) => 1.0 / (1.0 + Math.Pow(10, -centipawns / 400.0));

    /// <summary>Win chance of a forced mate: 1 when the mover mates, 0 when the mover is mated.</summary>
    /// <param name="moverMates">Whether the mate is for the side that moved.</param>
    public static double FromMate(bool moverMates) => moverMates ? 1.0 : 0.0;
}
