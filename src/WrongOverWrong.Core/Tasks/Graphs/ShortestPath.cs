namespace WrongOverWrong.Tasks.Graphs;

/// <summary>Exact single-pair shortest path (Dijkstra) on an undirected graph with non-negative weights.</summary>
public static class ShortestPath
{
    /// <summary>
    /// Finds a minimum-weight path from <paramref name="source"/> to <paramref name="target"/>.
    /// Returns <see langword="null"/> when the target is unreachable.
    /// </summary>
    /// <param name="nodeCount">Number of nodes, numbered 0 to nodeCount - 1.</param>
    /// <param name="edges">Undirected edges with non-negative weights.</param>
    /// <param name="source">Start node.</param>
    /// <param name="target">End node.</param>
    /// <returns>The total weight and one shortest path (node list from source to target).</returns>
    public static (long Weight, IReadOnlyList<int> Path)? Solve(int nodeCount, IReadOnlyList<WeightedEdge> edges, int source, int target)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var adjacency = GraphValidation.BuildUndirected(nodeCount, edges, source, target);
        var distance = new long[nodeCount];
        var previous = new int[nodeCount];
        Array.Fill(distance, long.MaxValue);
        Array.Fill(previous, -1);
        distance[source] = 0;
        var queue = new PriorityQueue<int, long>();
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out var node, out var d))
        {
            if (d > distance[node])
            {
                continue; // stale entry
            }

            foreach (var (next, weight) in adjacency[node])
            {
                var candidate = d + weight;
                if (candidate < distance[next])
                {
                    distance[next] = candidate;
                    previous[next] = node;
                    queue.Enqueue(next, candidate);
                }
            }
        }

        if (distance[target] == long.MaxValue)
        {
            return null;
        }

        var path = new List<int>();
        for (var node = target; node != -1; node = previous[node])
        {
            path.Add(node);
        }

        path.Reverse();
        return (distance[target], path);
    }
}
