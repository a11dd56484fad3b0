namespace WrongOverWrong.MainJob.JudgeModel;

/// <summary>One candidate answer with what the oracle says about it (the judge never sees these fields, only the reply built from them).</summary>
/// <param name="Candidate">The answer as the elicitors see it.</param>
/// <param name="Grade">The oracle's grade.</param>
/// <param name="StatedTotal">The total weight the answer states, or null when the oracle cannot read one.</param>
/// <param name="Score">The 0-5 score (<see cref="JudgeScale.Score"/>).</param>
public sealed record GradedAnswer(Candidate Candidate, Grade Grade, double? StatedTotal, int Score);
