using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Core.Tests.Tasks.Graphs;

/// <summary>
/// A flow that is only maximal if a later augmenting path cancels flow an earlier one sent: the
/// residual (reverse) edges must exist and gain what is pushed forward. The random graphs of the
/// property tests (2-7 nodes) almost never need this, so Stryker found both the reverse edge's
/// adjacency entry and its capacity update unguarded (2026-11-30, `./mutation.sh core Tasks/Graphs`).
/// </summary>
public sealed class MaximumFlowCancellationTests
{
    [Fact]
    public void A_second_unit_of_flow_that_must_cancel_the_first_paths_middle_edge_is_found()
    {
        // Source 0, sink 5, unit capacities. Dinic's first phase sends 0-1-2-5 (edges in this order,
        // so its depth-first search takes 1-2 before 1-4), which blocks 0-3-2-5 and 0-1-4-5; the
        // second unit needs 0-3-2-1-4-5, which runs 1-2 backwards. The minimum cut {0-1, 0-3} is 2.
        WeightedEdge[] edges =
        [
            new(0, 1, 1), new(0, 3, 1), new(1, 2, 1), new(1, 4, 1), new(2, 5, 1), new(3, 2, 1), new(4, 5, 1),
        ];

        Assert.Equal(2, MaximumFlow.Solve(6, edges, 0, 5));
    }

    [Fact]
    public void Cancelled_flow_is_counted_once_with_capacities_above_one()
    {
        // The same shape with capacity 3 on the shared middle edge's detour: the flow is the cut
        // {0-1 (2), 0-3 (3)} = 5, reached only by pushing 2 back over 1-2.
        WeightedEdge[] edges =
        [
            new(0, 1, 2), new(0, 3, 3), new(1, 2, 2), new(1, 4, 2), new(2, 5, 3), new(3, 2, 3), new(4, 5, 2),
        ];

        Assert.Equal(5, MaximumFlow.Solve(6, edges, 0, 5));
    }
}
