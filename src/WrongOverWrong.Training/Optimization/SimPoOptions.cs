namespace WrongOverWrong.Training.Optimization;

/// <summary>SimPO's own settings (TRL's CPO trainer with <c>loss_type="simpo"</c>).</summary>
public sealed record SimPoOptions
{
    /// <summary>β, the reward scale (<c>beta</c>; TRL's default 0.1, the SimPO authors use 2 to 10).</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>γ, the target reward margin (<c>simpo_gamma</c>, 0.5).</summary>
    public double Gamma { get; init; } = 0.5;

    /// <summary>Checks every value and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        OptionChecks.Positive(Beta, nameof(Beta));
        if (!double.IsFinite(Gamma))
        {
            throw new ArgumentException($"{nameof(Gamma)} must be finite, got {Gamma}.", nameof(Gamma));
        }
    }
}
