namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>The exact solution of a shortest-path question and its evaluation normalizer.</summary>
/// <param name="Weight">The shortest total weight w*.</param>
/// <param name="Path">One shortest path, source first.</param>
/// <param name="LongestPathWeight">L, the weight of the longest simple path between the two nodes.</param>
public sealed record ShortestPathSolution(long Weight, IReadOnlyList<int> Path, long LongestPathWeight);
