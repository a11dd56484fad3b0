namespace WrongOverWrong.Sources;

/// <summary>Progress of an answer source run.</summary>
/// <param name="QuestionsDone">Questions finished so far, resumed ones included.</param>
/// <param name="QuestionsTotal">Questions in the run.</param>
/// <param name="QuestionsResumed">Questions read back from the results file instead of sampled.</param>
/// <param name="Calls">Model calls made in this run (retries inside the client's pipeline not counted).</param>
/// <param name="InputTokens">Input tokens the client reported for those calls.</param>
/// <param name="OutputTokens">Output tokens the client reported for those calls.</param>
public sealed record SamplingProgress(int QuestionsDone, int QuestionsTotal, int QuestionsResumed, long Calls, long InputTokens, long OutputTokens);
