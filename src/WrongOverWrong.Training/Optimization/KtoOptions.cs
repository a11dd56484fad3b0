namespace WrongOverWrong.Training.Optimization;

/// <summary>KTO's own settings (TRL's <c>KTOConfig</c> names in brackets).</summary>
public sealed record KtoOptions
{
    /// <summary>β (<c>beta</c>, 0.1).</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>Weight of desirable examples (<c>desirable_weight</c>, 1).</summary>
    public double DesirableWeight { get; init; } = 1.0;

    /// <summary>Weight of undesirable examples (<c>undesirable_weight</c>, 1); balance unequal label counts with the two weights.</summary>
    public double UndesirableWeight { get; init; } = 1.0;

    /// <summary>Checks every value and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        OptionChecks.Positive(Beta, nameof(Beta));
        OptionChecks.Positive(DesirableWeight, nameof(DesirableWeight));
        OptionChecks.Positive(UndesirableWeight, nameof(UndesirableWeight));
    }
}
