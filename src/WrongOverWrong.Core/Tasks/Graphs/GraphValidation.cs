namespace WrongOverWrong.Tasks.Graphs;

/// <summary>Shared argument checks and adjacency building for the graph algorithms.</summary>
internal static class GraphValidation
{
    public static List<(int Node, long Weight)>[] BuildUndirected(int nodeCount, IReadOnlyList<WeightedEdge> edges, int source, int target)
    {
        CheckNodes(nodeCount, source, target);
        var adjacency = new List<(int, long)>[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            adjacency[i] = [];
        }

        foreach (var edge in edges)
        {
            CheckEdge(nodeCount, edge);
            adjacency[edge.From].Add((edge.To, edge.Weight));
            adjacency[edge.To].Add((edge.From, edge.Weight));
        }

        return adjacency;
    }

    public static void CheckNodes(int nodeCount, int source, int target)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodeCount);
        if (source < 0 || source >= nodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, $"Source node must be in [0, {nodeCount - 1}].");
        }

        if (target < 0 || target >= nodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"Target node must be in [0, {nodeCount - 1}].");
        }
    }

    public static void CheckEdge(int nodeCount, WeightedEdge edge)
    {
        if (edge.From < 0 || edge.From >= nodeCount || edge.To < 0 || edge.To >= nodeCount)
        {
            throw new ArgumentException($"Edge {edge.From}-{edge.To} names a node outside [0, {nodeCount - 1}].", "edges");
        }

        if (edge.Weight < 0)
        {
            throw new ArgumentException($"Edge {edge.From}-{edge.To} has negative weight {edge.Weight}.", "edges");
        }
    }
}
