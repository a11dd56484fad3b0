namespace WrongOverWrong.Pairing;

/// <summary>Options of <see cref="PairBuilder"/>; defaults follow the paper.</summary>
public sealed class PairingOptions
{
    /// <summary>Form wrong-over-wrong pairs (both wrong, different proxy). Default true.</summary>
    public bool IncludeWrongOverWrong { get; set; } = true;

    /// <summary>Form right-over-wrong pairs (exactly one correct). Default false: phase 1 judges WoW pairs.</summary>
    public bool IncludeRightOverWrong { get; set; }

    /// <summary>
    /// The most pairs kept, sampled with <see cref="Seed"/> when more are formed; <see langword="null"/>
    /// keeps all. Default 10,000, the authors' cap per (generator, dataset).
    /// </summary>
    public int? MaxPairs { get; set; } = 10_000;

    /// <summary>Seed of the cap's sample (default 42).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Proxies closer than this are a tie and form no WoW pair (default 1e-12: equal up to rounding,
    /// so 1/3 computed two ways still ties).
    /// </summary>
    public double TieTolerance { get; set; } = 1e-12;
}
