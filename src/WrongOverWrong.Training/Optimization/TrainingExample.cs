namespace WrongOverWrong.Training.Optimization;

/// <summary>One training example before tokenisation: a prompt and its completions in slot order.</summary>
/// <param name="Id">The question id, for error messages.</param>
/// <param name="Prompt">The user question (rendered through the chat template later).</param>
/// <param name="Completions">Chosen then rejected for pairs; the single completion for SFT and KTO.</param>
/// <param name="Label">KTO's desirable flag; true otherwise.</param>
internal sealed record TrainingExample(string Id, string Prompt, IReadOnlyList<string> Completions, bool Label);
