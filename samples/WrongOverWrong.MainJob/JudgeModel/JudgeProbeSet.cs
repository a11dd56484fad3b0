namespace WrongOverWrong.MainJob.JudgeModel;

/// <summary>The fixed prompts of a judge probe.</summary>
/// <param name="Score">Score-judge prompts with the graded batch each shows.</param>
/// <param name="Pairwise">Pairwise prompts with the expected reply.</param>
public sealed record JudgeProbeSet(IReadOnlyList<(string Prompt, IReadOnlyList<GradedAnswer> Batch)> Score, IReadOnlyList<(string Prompt, string Completion)> Pairwise);
