namespace WrongOverWrong.Training.Optimization;

/// <summary>IPO's own settings.</summary>
public sealed record IpoOptions
{
    /// <summary>β, the regularisation strength; the target margin is 1/(2β) (<c>beta</c>, 0.1).</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>Checks every value and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate() => OptionChecks.Positive(Beta, nameof(Beta));
}
