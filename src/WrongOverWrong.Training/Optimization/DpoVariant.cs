namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// The shape of the DPO loss applied to the implicit reward margin βΔ (TRL's <c>loss_type</c>).
/// </summary>
public enum DpoVariant
{
    /// <summary>The original DPO loss, -log σ(βΔ); with label smoothing ε it is conservative DPO.</summary>
    Sigmoid,

    /// <summary>The SLiC hinge loss, relu(1 - βΔ).</summary>
    Hinge,

    /// <summary>Robust DPO for noisy labels: [-(1-ε) log σ(βΔ) + ε log σ(-βΔ)] / (1 - 2ε).</summary>
    Robust,
}
