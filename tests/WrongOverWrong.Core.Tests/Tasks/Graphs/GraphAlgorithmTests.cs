using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Core.Tests.Tasks.Graphs;

public class GraphAlgorithmTests
{
    // NLGraph shortest_path.json question "0": 5 nodes, gold 0,3,2 with total weight 4.
    private static readonly WeightedEdge[] Question0 =
    [
        new(0, 4, 4), new(0, 3, 3), new(0, 1, 3), new(1, 4, 4), new(2, 4, 2), new(2, 3, 1), new(3, 4, 1),
    ];

    [Fact]
    public void Dijkstra_finds_the_gold_path_of_nlgraph_question_0()
    {
        var result = ShortestPath.Solve(5, Question0, 0, 2);
        Assert.NotNull(result);
        Assert.Equal(4, result.Value.Weight);
        Assert.Equal([0, 3, 2], result.Value.Path);
    }

    [Fact]
    public void Dijkstra_returns_null_when_unreachable()
    {
        Assert.Null(ShortestPath.Solve(4, [new(0, 1, 1), new(2, 3, 1)], 0, 3));
    }

    [Fact]
    public void Longest_simple_path_is_found_by_exhaustive_search()
    {
        // Paths 0-1-4-2 (3+4+2) and 0-1-4-3-2 (3+4+1+1) both weigh 9; no simple path is heavier.
        Assert.Equal(9, LongestSimplePath.Solve(5, Question0, 0, 2));
    }

    [Fact]
    public void Longest_simple_path_refuses_graphs_beyond_the_bound()
    {
        var edges = Enumerable.Range(0, 20).Select(i => new WeightedEdge(i, i + 1, 1)).ToArray();
        var ex = Assert.Throws<ArgumentException>(() => LongestSimplePath.Solve(21, edges, 0, 20));
        Assert.Contains("21 nodes", ex.Message);
        Assert.Equal(20, LongestSimplePath.Solve(21, edges, 0, 20, maxNodes: 21));
    }

    [Fact]
    public void Longest_simple_path_gives_up_after_its_step_budget()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LongestSimplePath.Solve(5, Question0, 0, 2, maxSteps: 3));
        Assert.Contains("exceeded 3 expansions", ex.Message);
    }

    [Fact]
    public void Max_flow_matches_the_textbook_network()
    {
        // CLRS figure 26.1: maximum flow 23.
        WeightedEdge[] edges =
        [
            new(0, 1, 16), new(0, 2, 13), new(1, 2, 10), new(2, 1, 4), new(1, 3, 12),
            new(3, 2, 9), new(2, 4, 14), new(4, 3, 7), new(3, 5, 20), new(4, 5, 4),
        ];
        Assert.Equal(23, MaximumFlow.Solve(6, edges, 0, 5));
    }

    [Fact]
    public void Max_flow_respects_direction()
    {
        // Only the edge 1 -> 0 exists, so nothing flows from 0 to 1.
        Assert.Equal(0, MaximumFlow.Solve(2, [new(1, 0, 5)], 0, 1));
    }

    [Fact]
    public void Hopcroft_karp_uses_augmenting_paths()
    {
        // Greedy 0->job 0 would block applicant 1; the maximum matches both.
        Assert.Equal(2, BipartiteMatching.Solve(2, 2, [(0, 0), (0, 1), (1, 0)]));

        // Three applicants who all want job 0 only, plus applicant 0 also wants job 1: size 2.
        Assert.Equal(2, BipartiteMatching.Solve(3, 2, [(0, 0), (0, 1), (1, 0), (2, 0)]));
    }
}
