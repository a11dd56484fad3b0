namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>Whether the gold answer stated in a data file agrees with the exact solver.</summary>
/// <param name="QuestionId">The question checked.</param>
/// <param name="Agrees">Whether the stated gold value equals the solver's value.</param>
/// <param name="SolverValue">The solver's value (w*, max flow, or matching size).</param>
/// <param name="GoldValue">The value parsed from the gold answer, or <see langword="null"/> when it did not parse.</param>
/// <param name="Message">A human-readable explanation of a disagreement; <see langword="null"/> when they agree.</param>
public sealed record GoldCheck(string QuestionId, bool Agrees, double SolverValue, double? GoldValue, string? Message);
