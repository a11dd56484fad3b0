namespace WrongOverWrong.Training.Optimization;

/// <summary>A tokenised example: prompt ids and completion ids per slot, already truncated.</summary>
/// <param name="Prompt">Prompt ids (with the beginning-of-sequence id when the tokenizer has one).</param>
/// <param name="Completions">Completion ids per slot (chosen, rejected, or KTO's completion and its mismatched KL completion).</param>
/// <param name="Label">KTO's desirable flag.</param>
internal sealed record TokenizedExample(int[] Prompt, int[][] Completions, bool Label);
