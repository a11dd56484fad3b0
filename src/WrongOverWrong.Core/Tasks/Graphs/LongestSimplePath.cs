namespace WrongOverWrong.Tasks.Graphs;

/// <summary>
/// Exact weight of the longest simple path between two nodes of an undirected graph: the
/// normalizer L of the paper's shortest-path evaluation proxy 1 - |w - w*| / (L - w*).
/// </summary>
/// <remarks>
/// The problem is NP-hard, so this is an exhaustive depth-first search. It is fast for NLGraph
/// sizes (at most 20 nodes, sparse; a simple branch and bound keeps the search small);
/// <see cref="DefaultMaxNodes"/> and a step budget turn a graph that is too large into a clear
/// error instead of a search that never ends.
/// </remarks>
public static class LongestSimplePath
{
    /// <summary>The largest graph searched by default (NLGraph's hard questions have up to 20 nodes).</summary>
    public const int DefaultMaxNodes = 20;

    /// <summary>The default budget of search expansions (far above what any NLGraph question needs).</summary>
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
        var neighbours = adjacency.Select(a => a.Select(x => x.Node).ToArray()).ToArray();
        var weights = adjacency.Select(a => a.Select(x => x.Weight).ToArray()).ToArray();

        // Branch and bound: every further edge of a simple path enters a distinct unvisited node,
        // so the rest of the path weighs at most the sum of those nodes' heaviest incident edges.
        var heaviest = weights.Select(w => w.Length == 0 ? 0 : w.Max()).ToArray();
        var remaining = heaviest.Sum() - heaviest[source];
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
                if (weight > best)
                {
                    best = weight;
                }

                return; // a simple path ends at the target
            }

            if (weight + remaining <= best)
            {
                return; // cannot beat the best path found
            }

            visited[node] = true;
            var next = neighbours[node];
            var w = weights[node];
            for (var i = 0; i < next.Length; i++)
            {
                var v = next[i];
                if (!visited[v])
                {
                    remaining -= heaviest[v];
                    Search(v, weight + w[i]);
                    remaining += heaviest[v];
                }
            }

            visited[node] = false;
        }

        Search(source, 0);
        return best < 0 ? null : best;
    }
}
