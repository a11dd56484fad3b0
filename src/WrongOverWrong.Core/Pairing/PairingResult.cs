namespace WrongOverWrong.Pairing;

/// <summary>The pairs kept and the report of what was formed and dropped.</summary>
/// <param name="Pairs">The kept pairs, grouped by question in input order, i &lt; j within a question.</param>
/// <param name="Report">The counts.</param>
public sealed record PairingResult(IReadOnlyList<CandidatePair> Pairs, PairingReport Report);
