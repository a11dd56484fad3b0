namespace WrongOverWrong;

/// <summary>
/// One labelled completion for unpaired optimizers (KTO): desirable (<see cref="Label"/> true) or not.
/// </summary>
/// <param name="QuestionId">The question the completion answers.</param>
/// <param name="Prompt">The prompt.</param>
/// <param name="Completion">The response.</param>
/// <param name="Label">Whether the completion is desirable.</param>
public sealed record UnpairedPreference(string QuestionId, string Prompt, string Completion, bool Label);
