namespace WrongOverWrong.Harness;

/// <summary>
/// Orders verdicts by question id (ordinal), then the pair's sample indices. Margins break ties in
/// the gap at the cut by this order, and the bootstrap meets questions in this order. Results then
/// do not depend on the order answer sets arrived in: sources stream sets as they finish, and a
/// resumed run yields the stored ones first.
/// </summary>
internal static class CanonicalPairOrder
{
    /// <summary>The verdicts' positions in canonical order.</summary>
    public static int[] Positions(IReadOnlyList<PairVerdict> verdicts) =>
        Enumerable.Range(0, verdicts.Count)
            .OrderBy(i => verdicts[i].Pair.Set.Question.Id, StringComparer.Ordinal)
            .ThenBy(i => verdicts[i].Pair.First.Index)
            .ThenBy(i => verdicts[i].Pair.Second.Index)
            .ToArray();

    /// <summary>The verdicts, sorted canonically.</summary>
    public static IReadOnlyList<PairVerdict> Sort(IReadOnlyList<PairVerdict> verdicts) =>
        Positions(verdicts).Select(i => verdicts[i]).ToList();
}
