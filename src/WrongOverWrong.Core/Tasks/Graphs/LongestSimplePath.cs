namespace WrongOverWrong.Tasks.Graphs;

/// <summary>
/// Exact weight of the longest simple path between two nodes of an undirected graph: the
/// normalizer L of the paper's shortest-path evaluation proxy 1 - |w - w*| / (L - w*).
/// </summary>
/// <remarks>
/// The problem is NP-hard, so this is an exhaustive depth-first search. It is fast for NLGraph
/// sizes (at most 20 nodes, sparse: about 18 million expansions for all 380 questions together);
/// <see cref="DefaultMaxNodes"/> and a step budget turn a graph that is too large into a clear
/// error instead of a search that never ends.
/// </remarks>
public static class LongestSimplePath
{
    /// <summary>The largest graph searched by default (NLGraph's hard questions have up to 20 nodes).</summary>
    public const int DefaultMaxNodes = 20;

    /// <summary>The default budget of search expansions (the largest NLGraph question needs about 4 million).</summary>
    public const long DefaultMaxSteps = 200_000_000;

    /// <summary>
    /// Returns the weight of the heaviest simple path from <paramref name="source"/> to
    /// <paramref name="target"/>, or <see langword="null"/> when the target is unreachable.
    /// </summary>
    /// <param name="nodeCount">Number of nodes, numbered 0 to nodeCount - 1.</param>
    /// <param name="edges">Undirected edges with non-negative weights.</param>
    /// <param name="source">Start node.</param>
    /// <param name="target">End node.</param>
    /// <param name="maxNodes">Refuse graphs with more nodes than this.</param>
    /// <param name="maxSteps">Give up after this many search expansions.</param>
    /// <exception cref="ArgumentException">The graph has more than <paramref name="maxNodes"/> nodes.</exception>
    /// <exception cref="InvalidOperationException">The search exceeded <paramref name="maxSteps"/> expansions.</exception>
    public static long? Solve(int nodeCount, IReadOnlyList<WeightedEdge> edges, int source, int target, int maxNodes = DefaultMaxNodes, long maxSteps = DefaultMaxSteps)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (nodeCount > maxNodes)
        {
            throw new ArgumentException(
                $"Longest simple path is an exhaustive search; the graph has {nodeCount} nodes, more than the bound of {maxNodes}. Raise maxNodes only for sparse graphs.",
                nameof(nodeCount));
        }

        var adjacency = GraphValidation.BuildUndirected(nodeCount, edges, source, target);
        var visited = new bool[nodeCount];
        long best = -1;
        long steps = 0;

        void Search(int node, long weight)
        {
            if (++steps > maxSteps)
            {
                throw new InvalidOperationException(
                    $"Longest simple path search from node {source} to node {target} exceeded {maxSteps} expansions; the graph is too dense for an exact search.");
            }

            if (node == target)
            {
                best = Math.Max(best, weight);
                return; // a simple path ends at the target
            }

            visited[node] = true;
            foreach (var (next, w) in adjacency[node])
            {
                if (!visited[next])
                {
                    Search(next, weight + w);
                }
            }

            visited[node] = false;
        }

        Search(source, 0);
        return best < 0 ? null : best;
    }
}
