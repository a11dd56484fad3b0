namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>The questions of an NLGraph file and the gold answers the solver disagrees with.</summary>
/// <param name="Questions">Every question of the file, in file order (none is dropped).</param>
/// <param name="GoldChecked">How many gold answers were checked (0 when the check was off).</param>
/// <param name="GoldDisagreements">
/// The checks that failed (gold value differs from the solver's, or states no value); only filled in
/// <see cref="NLGraphGoldCheckMode.Report"/> mode, since <see cref="NLGraphGoldCheckMode.Error"/> throws on the first.
/// </param>
public sealed record NLGraphLoadResult(IReadOnlyList<Question> Questions, int GoldChecked, IReadOnlyList<GoldCheck> GoldDisagreements);
