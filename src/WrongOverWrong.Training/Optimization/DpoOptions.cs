namespace WrongOverWrong.Training.Optimization;

/// <summary>DPO's own settings (TRL's <c>DPOConfig</c> names in brackets). Defaults are the paper's: β 0.1, sigmoid loss.</summary>
public sealed record DpoOptions
{
    /// <summary>β, the KL strength (<c>beta</c>, 0.1).</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>The loss shape: sigmoid, hinge or robust (<c>loss_type</c>).</summary>
    public DpoVariant Variant { get; init; } = DpoVariant.Sigmoid;

    /// <summary>Label smoothing ε for sigmoid (conservative DPO) and robust DPO, in [0, 0.5) (<c>label_smoothing</c>).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// α of DPO + NLL (<c>rpo_alpha</c>; Pang et al., "Iterative Reasoning Preference
    /// Optimization"): adds α times the NLL of the chosen completions, averaged over their tokens,
    /// so that DPO cannot lower the chosen likelihood freely. Null (the default) is plain DPO; the
    /// RPO paper uses 1.0. Logged as <c>nll_loss</c>.
    /// </summary>
    public double? RpoAlpha { get; init; }

    /// <summary>Checks every value and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        OptionChecks.Positive(Beta, nameof(Beta));
        if (!(LabelSmoothing >= 0.0 && LabelSmoothing < 0.5))
        {
            throw new ArgumentException($"{nameof(LabelSmoothing)} must lie in [0, 0.5), got {LabelSmoothing}.", nameof(LabelSmoothing));
        }

        if (!Enum.IsDefined(Variant))
        {
            throw new ArgumentException($"{nameof(Variant)} {Variant} is not a DPO variant.", nameof(Variant));
        }

        if (RpoAlpha is double alpha)
        {
            OptionChecks.NonNegative(alpha, nameof(RpoAlpha));
        }
    }
}
