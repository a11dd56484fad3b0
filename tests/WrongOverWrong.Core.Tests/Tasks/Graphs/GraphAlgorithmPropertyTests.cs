using CsCheck;
using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Core.Tests.Tasks.Graphs;

/// <summary>
/// The four exact solvers behind the NLGraph oracles against brute force on small random graphs
/// (parallel edges, zero weights, unreachable targets included): every simple path for the shortest
/// and longest path, every s-t cut for the maximum flow (max-flow min-cut), every assignment for
/// the matching. Plus the argument checks, with the parameter each one names.
/// </summary>
public class GraphAlgorithmPropertyTests
{
    private const int Iterations = 3_000;

    // n nodes (2-7) and up to 12 edges between random distinct nodes, weights 0-9; parallel edges happen.
    private static readonly Gen<(int N, WeightedEdge[] Edges, int S, int T)> Graphs =
        Gen.Int[2, 7].SelectMany(n => Gen.Select(
            Gen.Select(Gen.Int[0, n - 1], Gen.Int[1, n - 1], Gen.Int[0, 9]).Array[0, 12],
            Gen.Int[0, n - 1],
            Gen.Int[1, n - 1]).Select((raw, s, dt) => (
                n,
                raw.Select(e => new WeightedEdge(e.Item1, (e.Item1 + e.Item2) % n, e.Item3)).ToArray(),
                s,
                (s + dt) % n)));

    [Fact]
    public void Dijkstra_matches_the_lightest_simple_path_and_returns_a_path_of_that_weight()
    {
        int reachable = 0, unreachable = 0;
        Graphs.Sample(g =>
        {
            var expected = SimplePathWeights(g.N, g.Edges, g.S, g.T).DefaultIfEmpty(-1).Min();
            var result = ShortestPath.Solve(g.N, g.Edges, g.S, g.T);
            if (expected < 0)
            {
                Assert.Null(result);
                Interlocked.Increment(ref unreachable);
                return;
            }

            Assert.NotNull(result);
            Assert.Equal(expected, result.Value.Weight);
            var path = result.Value.Path;
            Assert.Equal(g.S, path[0]);
            Assert.Equal(g.T, path[^1]);
            Assert.Equal(path.Count, path.Distinct().Count());
            long weight = 0;
            for (var i = 1; i < path.Count; i++)
            {
                weight += LightestEdge(g.Edges, path[i - 1], path[i]) ?? throw new Xunit.Sdk.XunitException($"no edge {path[i - 1]}-{path[i]}");
            }

            Assert.Equal(expected, weight);
            Interlocked.Increment(ref reachable);
        }, iter: Iterations);

        Assert.True(reachable > Iterations / 3 && unreachable > Iterations / 20, $"{reachable} reachable, {unreachable} unreachable");
    }

    [Fact]
    public void Longest_simple_path_matches_every_simple_path()
    {
        int reachable = 0;
        Graphs.Sample(g =>
        {
            var expected = SimplePathWeights(g.N, g.Edges, g.S, g.T).DefaultIfEmpty(-1).Max();
            var result = LongestSimplePath.Solve(g.N, g.Edges, g.S, g.T);
            Assert.Equal(expected < 0 ? null : expected, result);
            if (expected >= 0)
            {
                Interlocked.Increment(ref reachable);
            }
        }, iter: Iterations);

        Assert.True(reachable > Iterations / 3, $"{reachable} reachable");
    }

    [Fact]
    public void Longest_simple_path_prunes_with_its_bound()
    {
        // A complete graph of 11 nodes with equal weights: every Hamiltonian path from 0 to 10 weighs
        // 10, and the bound stops the search once one is found. Without pruning (or with a bound
        // that prunes only below the best) the search enumerates millions of simple paths.
        var edges = new List<WeightedEdge>();
        for (var a = 0; a < 11; a++)
        {
            for (var b = a + 1; b < 11; b++)
            {
                edges.Add(new WeightedEdge(a, b, 1));
            }
        }

        Assert.Equal(10, LongestSimplePath.Solve(11, edges, 0, 10, maxSteps: 1_000));
    }

    [Fact]
    public void Max_flow_equals_the_minimum_cut()
    {
        int positive = 0;
        Graphs.Sample(g =>
        {
            var flow = MaximumFlow.Solve(g.N, g.Edges, g.S, g.T);
            var cut = MinimumCut(g.N, g.Edges, g.S, g.T);
            Assert.Equal(cut, flow);
            if (flow > 0)
            {
                Interlocked.Increment(ref positive);
            }
        }, iter: Iterations);

        Assert.True(positive > Iterations / 3, $"{positive} positive flows");
    }

    [Fact]
    public void Matching_size_matches_every_assignment()
    {
        var problems = Gen.Int[0, 6].SelectMany(left => Gen.Int[0, 6].SelectMany(right =>
            (left == 0 || right == 0 ? Gen.Const(Array.Empty<(int, int)>()) : Gen.Select(Gen.Int[0, left - 1], Gen.Int[0, right - 1]).Array[0, 14])
            .Select(pairs => (left, right, pairs))));
        int nonZero = 0;
        problems.Sample(p =>
        {
            var expected = BruteMatching(p.left, p.right, p.pairs, 0, new bool[p.right]);
            Assert.Equal(expected, BipartiteMatching.Solve(p.left, p.right, p.pairs));
            if (expected > 1)
            {
                Interlocked.Increment(ref nonZero);
            }
        }, iter: Iterations);

        Assert.True(nonZero > Iterations / 3, $"{nonZero} matchings of two or more");
    }

    [Fact]
    public void Bad_nodes_and_weights_are_refused_by_parameter_with_the_range()
    {
        var edge = new[] { new WeightedEdge(0, 1, 1) };
        foreach (var (source, target, param) in new[] { (-1, 1, "source"), (3, 1, "source"), (0, -1, "target"), (0, 3, "target") })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ShortestPath.Solve(3, edge, source, target));
            Assert.Equal(param, ex.ParamName);
            Assert.Contains("must be in [0, 2]", ex.Message);
            Assert.Equal(param, Assert.Throws<ArgumentOutOfRangeException>(() => MaximumFlow.Solve(3, edge, source, target)).ParamName);
            Assert.Equal(param, Assert.Throws<ArgumentOutOfRangeException>(() => LongestSimplePath.Solve(3, edge, source, target)).ParamName);
        }

        Assert.Equal(1, ShortestPath.Solve(3, edge, 1, 0)!.Value.Weight); // the last valid nodes
        Assert.Equal("nodeCount", Assert.Throws<ArgumentOutOfRangeException>(() => ShortestPath.Solve(0, [], 0, 0)).ParamName);

        foreach (var bad in new[] { new WeightedEdge(-1, 1, 1), new WeightedEdge(3, 1, 1), new WeightedEdge(0, -1, 1), new WeightedEdge(0, 3, 1) })
        {
            var ex = Assert.Throws<ArgumentException>(() => ShortestPath.Solve(3, [bad], 0, 1));
            Assert.Equal("edges", ex.ParamName);
            Assert.StartsWith($"Edge {bad.From}-{bad.To} names a node outside [0, 2].", ex.Message);
            Assert.Equal("edges", Assert.Throws<ArgumentException>(() => MaximumFlow.Solve(3, [bad], 0, 1)).ParamName);
        }

        var negative = Assert.Throws<ArgumentException>(() => ShortestPath.Solve(3, [new WeightedEdge(0, 1, -2)], 0, 1));
        Assert.Equal("edges", negative.ParamName);
        Assert.StartsWith("Edge 0-1 has negative weight -2.", negative.Message);
        Assert.Equal(0, ShortestPath.Solve(3, [new WeightedEdge(2, 1, 0), new WeightedEdge(0, 2, 0)], 0, 1)!.Value.Weight); // zero weights and node n-1 are fine

        var same = Assert.Throws<ArgumentException>(() => MaximumFlow.Solve(3, edge, 1, 1));
        Assert.Equal("sink", same.ParamName);
        Assert.StartsWith("Source and sink must differ.", same.Message);

        Assert.Equal("edges", Assert.Throws<ArgumentNullException>(() => ShortestPath.Solve(3, null!, 0, 1)).ParamName);
        Assert.Equal("edges", Assert.Throws<ArgumentNullException>(() => MaximumFlow.Solve(3, null!, 0, 1)).ParamName);
        Assert.Equal("edges", Assert.Throws<ArgumentNullException>(() => LongestSimplePath.Solve(3, null!, 0, 1)).ParamName);
    }

    [Fact]
    public void Longest_path_bounds_name_the_node_count_and_the_budget()
    {
        var edges = new[] { new WeightedEdge(0, 1, 1), new WeightedEdge(1, 2, 1) };
        Assert.Equal(2, LongestSimplePath.Solve(3, edges, 0, 2, maxNodes: 3)); // exactly the bound is searched
        var big = Assert.Throws<ArgumentException>(() => LongestSimplePath.Solve(3, edges, 0, 2, maxNodes: 2));
        Assert.Equal("nodeCount", big.ParamName);
        Assert.StartsWith("Longest simple path is an exhaustive search; the graph has 3 nodes, more than the bound of 2. Raise maxNodes only for sparse graphs.", big.Message);

        // The search expands 0, 1 and 2: three steps are enough, two are not.
        Assert.Equal(2, LongestSimplePath.Solve(3, edges, 0, 2, maxSteps: 3));
        var budget = Assert.Throws<InvalidOperationException>(() => LongestSimplePath.Solve(3, edges, 0, 2, maxSteps: 2));
        Assert.Equal("Longest simple path search from node 0 to node 2 exceeded 2 expansions; the graph is too dense for an exact search.", budget.Message);
    }

    [Fact]
    public void Matching_refuses_pairs_outside_the_counts_by_name()
    {
        Assert.Equal(1, BipartiteMatching.Solve(2, 3, [(1, 2)]));
        foreach (var (left, right) in new[] { (-1, 0), (2, 0), (0, -1), (0, 3) })
        {
            var ex = Assert.Throws<ArgumentException>(() => BipartiteMatching.Solve(2, 3, [(left, right)]));
            Assert.Equal("pairs", ex.ParamName);
            Assert.StartsWith($"Pair ({left}, {right}) is outside 2 x 3.", ex.Message);
        }

        Assert.Equal("leftCount", Assert.Throws<ArgumentOutOfRangeException>(() => BipartiteMatching.Solve(-1, 3, [])).ParamName);
        Assert.Equal("rightCount", Assert.Throws<ArgumentOutOfRangeException>(() => BipartiteMatching.Solve(2, -1, [])).ParamName);
        Assert.Equal("pairs", Assert.Throws<ArgumentNullException>(() => BipartiteMatching.Solve(2, 3, null!)).ParamName);
        Assert.Equal(0, BipartiteMatching.Solve(0, 0, []));
    }

    private static long? LightestEdge(WeightedEdge[] edges, int a, int b) =>
        edges.Where(e => (e.From == a && e.To == b) || (e.From == b && e.To == a)).Select(e => (long?)e.Weight).Min();

    // The weight of every simple path from s to t (each step over the lightest or heaviest parallel edge).
    private static List<long> SimplePathWeights(int n, WeightedEdge[] edges, int s, int t)
    {
        var weights = new List<long>();
        var visited = new bool[n];
        void Walk(int node, long lightest, long heaviest)
        {
            if (node == t)
            {
                weights.Add(lightest);
                weights.Add(heaviest);
                return;
            }

            visited[node] = true;
            for (var v = 0; v < n; v++)
            {
                var parallel = edges.Where(e => (e.From == node && e.To == v) || (e.From == v && e.To == node)).Select(e => e.Weight).ToList();
                if (!visited[v] && parallel.Count > 0)
                {
                    Walk(v, lightest + parallel.Min(), heaviest + parallel.Max());
                }
            }

            visited[node] = false;
        }

        Walk(s, 0, 0);
        return weights;
    }

    // Max-flow min-cut: the smallest total capacity of the edges leaving a node set that holds s and not t.
    private static long MinimumCut(int n, WeightedEdge[] edges, int s, int t)
    {
        var best = long.MaxValue;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if ((mask & (1 << s)) == 0 || (mask & (1 << t)) != 0)
            {
                continue;
            }

            var capacity = edges.Where(e => (mask & (1 << e.From)) != 0 && (mask & (1 << e.To)) == 0).Sum(e => e.Weight);
            best = Math.Min(best, capacity);
        }

        return best;
    }

    // Each applicant from `left` on takes no job or one free job it wants.
    private static int BruteMatching(int leftCount, int rightCount, (int Left, int Right)[] pairs, int left, bool[] taken)
    {
        if (left == leftCount)
        {
            return 0;
        }

        var best = BruteMatching(leftCount, rightCount, pairs, left + 1, taken);
        foreach (var job in pairs.Where(p => p.Left == left).Select(p => p.Right).Distinct())
        {
            if (!taken[job])
            {
                taken[job] = true;
                best = Math.Max(best, 1 + BruteMatching(leftCount, rightCount, pairs, left + 1, taken));
                taken[job] = false;
            }
        }

        return best;
    }
}
