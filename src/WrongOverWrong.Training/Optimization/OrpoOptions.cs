namespace WrongOverWrong.Training.Optimization;

/// <summary>ORPO's own settings.</summary>
public sealed record OrpoOptions
{
    /// <summary>λ, the weight of the odds-ratio term (TRL's ORPO <c>beta</c>, 0.1).</summary>
    public double Lambda { get; init; } = 0.1;

    /// <summary>
    /// The tokens the NLL term averages over: the chosen completion (default, the paper's L_SFT) or
    /// prompt and completion (<see cref="OrpoNllNormalization.PromptAndCompletionTokens"/>, TRL-compatible).
    /// </summary>
    public OrpoNllNormalization NllNormalization { get; init; } = OrpoNllNormalization.CompletionTokens;

    /// <summary>Checks every value and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        OptionChecks.Positive(Lambda, nameof(Lambda));
        if (!Enum.IsDefined(NllNormalization))
        {
            throw new ArgumentException($"{nameof(NllNormalization)} {NllNormalization} is not a normalisation.", nameof(NllNormalization));
        }
    }
}
