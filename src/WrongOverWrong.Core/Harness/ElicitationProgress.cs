namespace WrongOverWrong.Harness;

/// <summary>Progress of an elicitation run.</summary>
/// <param name="Elicitor">The elicitor running.</param>
/// <param name="QuestionsDone">Questions whose pairs it has judged.</param>
/// <param name="QuestionsTotal">Questions with pairs.</param>
/// <param name="Calls">Model calls it has made in this run.</param>
/// <param name="InputTokens">Input tokens reported in this run.</param>
/// <param name="OutputTokens">Output tokens reported in this run.</param>
public sealed record ElicitationProgress(string Elicitor, int QuestionsDone, int QuestionsTotal, long Calls, long InputTokens, long OutputTokens);
