namespace WrongOverWrong.Harness;

/// <summary>The outcome of an elicitation run: the reports and every verdict behind them.</summary>
/// <param name="Reports">One report per (generator, elicitor, applicable margin).</param>
/// <param name="Verdicts">All verdicts per elicitor name, in the order of the input pairs.</param>
public sealed record ElicitationRun(IReadOnlyList<ElicitationReport> Reports, IReadOnlyDictionary<string, IReadOnlyList<PairVerdict>> Verdicts);
