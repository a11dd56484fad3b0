namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>Every elicitor over the same wrong-over-wrong pairs of one answer set file.</summary>
/// <param name="Dataset">The dataset's label.</param>
/// <param name="Source">The file it was read from.</param>
/// <param name="Questions">Questions in the file.</param>
/// <param name="Candidates">Sampled answers in the file.</param>
/// <param name="UnparsableCandidates">Answers without a final answer (never paired).</param>
/// <param name="Pairs">Wrong-over-wrong pairs formed (both wrong, proxies differ), after the cap.</param>
/// <param name="Elicitors">One outcome per elicitor, in the order they ran.</param>
/// <param name="Agreement">Agreement of every ordered pair of elicitors (the diagonal included).</param>
public sealed record DatasetComparison(
    string Dataset,
    string Source,
    int Questions,
    int Candidates,
    int UnparsableCandidates,
    int Pairs,
    IReadOnlyList<ElicitorOutcome> Elicitors,
    IReadOnlyList<PairAgreement> Agreement);
