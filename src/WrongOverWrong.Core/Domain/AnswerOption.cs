namespace WrongOverWrong;

/// <summary>One option of a multiple-choice question, with its oracle proxy.</summary>
/// <param name="Text">The option text shown to models and judges.</param>
/// <param name="Proxy">The oracle's p(a|q) for this option, in [0, 1] (1 for the gold option).</param>
/// <param name="IsCorrect">Whether choosing this option is a correct answer.</param>
public sealed record AnswerOption(string Text, double Proxy, bool IsCorrect);
