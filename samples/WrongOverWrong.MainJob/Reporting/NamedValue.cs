namespace WrongOverWrong.MainJob.Reporting;

/// <summary>A labelled number for the small tables (pairing counts, parsable shares, timings).</summary>
/// <param name="Group">What the number belongs to (a stage, an arm, an evaluation set).</param>
/// <param name="Name">What it counts or measures.</param>
/// <param name="Value">The number.</param>
/// <param name="Unit">"" (a count), "share" (a percentage), "score" (three decimals, e.g. a mean cor) or "s".</param>
public sealed record NamedValue(string Group, string Name, double Value, string Unit = "");
