namespace WrongOverWrong;

/// <summary>A final answer a task extracted from response text.</summary>
/// <param name="Text">The normalised final answer (what consistency counts and files store).</param>
/// <param name="OptionIndex">For multiple choice: the underlying option picked (after undoing the shown order).</param>
/// <param name="Value">For numeric tasks: the parsed number.</param>
public sealed record ExtractedAnswer(string Text, int? OptionIndex = null, double? Value = null);
