namespace WrongOverWrong.Tasks.Graphs;

/// <summary>Exact maximum flow on a directed graph with integer capacities (Dinic's algorithm).</summary>
public static class MaximumFlow
{
    /// <summary>Returns the value of a maximum flow from <paramref name="source"/> to <paramref name="sink"/>.</summary>
    /// <param name="nodeCount">Number of nodes, numbered 0 to nodeCount - 1.</param>
    /// <param name="edges">Directed edges; <see cref="WeightedEdge.Weight"/> is the capacity. Parallel edges add up.</param>
    /// <param name="source">The source node.</param>
    /// <param name="sink">The sink node.</param>
    public static long Solve(int nodeCount, IReadOnlyList<WeightedEdge> edges, int source, int sink)
    {
        ArgumentNullException.ThrowIfNull(edges);
        GraphValidation.CheckNodes(nodeCount, source, sink);
        if (source == sink)
        {
            throw new ArgumentException("Source and sink must differ.", nameof(sink));
        }

        // Residual graph as parallel arrays: edge i and its reverse i ^ 1.
        var to = new List<int>();
        var capacity = new List<long>();
        var outgoing = new List<int>[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            outgoing[i] = [];
        }

        foreach (var edge in edges)
        {
            GraphValidation.CheckEdge(nodeCount, edge);
            outgoing[edge.From].Add(to.Count);
            to.Add(edge.To);
            capacity.Add(edge.Weight);
            outgoing[edge.To].Add(to.Count);
            to.Add(edge.From);
            capacity.Add(0);
        }

        var level = new int[nodeCount];
        var nextEdge = new int[nodeCount];
        long flow = 0;
        while (BuildLevels())
        {
            Array.Fill(nextEdge, 0);
            long pushed;
            while ((pushed = Push(source, long.MaxValue)) > 0)
            {
                flow += pushed;
            }
        }

        return flow;

        bool BuildLevels()
        {
            Array.Fill(level, -1);
            level[source] = 0;
            var queue = new Queue<int>();
            queue.Enqueue(source);
            while (queue.TryDequeue(out var node))
            {
                foreach (var e in outgoing[node])
                {
                    if (capacity[e] > 0 && level[to[e]] < 0)
                    {
                        level[to[e]] = level[node] + 1;
                        queue.Enqueue(to[e]);
                    }
                }
            }

            return level[sink] >= 0;
        }

        long Push(int node, long limit)
        {
            if (node == sink)
            {
                return limit;
            }

            for (; nextEdge[node] < outgoing[node].Count; nextEdge[node]++)
            {
                var e = outgoing[node][nextEdge[node]];
                var head = to[e];
                if (capacity[e] <= 0 || level[head] != level[node] + 1)
                {
                    continue;
                }

                var pushed = Push(head, Math.Min(limit, capacity[e]));
                if (pushed > 0)
                {
                    capacity[e] -= pushed;
                    capacity[e ^ 1] += pushed;
                    return pushed;
                }
            }

            return 0;
        }
    }
}
