namespace WrongOverWrong.ElicitorComparison.Input;

/// <summary>One answer set file to compare elicitors on: its graded answer sets and where they came from.</summary>
/// <param name="Name">The label in tables (for example <c>synthetic-train</c> or <c>nlgraph-real</c>).</param>
/// <param name="Source">The file read, as given or relative to the repository root.</param>
/// <param name="Sets">The graded answer sets, in file order.</param>
public sealed record ComparisonDataset(string Name, string Source, IReadOnlyList<GradedAnswerSet> Sets);
