namespace WrongOverWrong.Training.Optimization;

/// <summary>Which tokens ORPO's supervised (NLL) term averages over.</summary>
public enum OrpoNllNormalization
{
    /// <summary>
    /// The chosen completion's tokens only (the default): the ORPO paper's L_SFT is the NLL of the
    /// response given the prompt, it is the same term as <see cref="SftTrainer"/>'s loss and DPO's
    /// <c>rpo_alpha</c>, and the prompt is shared by both completions so it carries no preference.
    /// </summary>
    CompletionTokens,

    /// <summary>
    /// Every token of the chosen row, prompt and completion (position 0 excepted), as TRL's
    /// <c>ORPOTrainer</c> computes it for decoder-only models: choose this to compare with TRL runs.
    /// </summary>
    PromptAndCompletionTokens,
}
