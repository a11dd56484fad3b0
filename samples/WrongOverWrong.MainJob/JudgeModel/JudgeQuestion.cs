namespace WrongOverWrong.MainJob.JudgeModel;

/// <summary>A question with its graded candidates: sampled answers, and the gold answer when it was drawn in.</summary>
/// <param name="Question">The question.</param>
/// <param name="Answers">The graded candidates, indexed 0..n-1 (the gold answer last, when present).</param>
public sealed record JudgeQuestion(Question Question, IReadOnlyList<GradedAnswer> Answers);
