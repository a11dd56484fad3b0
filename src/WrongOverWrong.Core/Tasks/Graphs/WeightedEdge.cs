namespace WrongOverWrong.Tasks.Graphs;

/// <summary>An edge between two nodes with a weight (a length for paths, a capacity for flows).</summary>
/// <param name="From">One end (the tail for directed graphs).</param>
/// <param name="To">The other end (the head for directed graphs).</param>
/// <param name="Weight">The edge weight or capacity.</param>
public readonly record struct WeightedEdge(int From, int To, long Weight);
