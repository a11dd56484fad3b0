using System.Globalization;
using System.Text.RegularExpressions;
using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>An NLGraph maximum-flow problem: a directed graph with capacities, a source and a sink.</summary>
/// <param name="NodeCount">Number of nodes, numbered 0 to NodeCount - 1.</param>
/// <param name="Edges">Directed edges; <see cref="WeightedEdge.Weight"/> is the capacity.</param>
/// <param name="Source">The source node.</param>
/// <param name="Sink">The sink node.</param>
public sealed partial record MaxFlowProblem(int NodeCount, IReadOnlyList<WeightedEdge> Edges, int Source, int Sink)
{
    /// <summary>
    /// Parses NLGraph max-flow text: "an edge from node I to node J with capacity C," lines and
    /// "Q: What is the maximum flow from node S to node T?".
    /// </summary>
    /// <param name="questionId">The question id, named in errors.</param>
    /// <param name="text">The question text.</param>
    /// <exception cref="FormatException">The graph or the query cannot be parsed, or a number is too large; the message names the question.</exception>
    public static MaxFlowProblem Parse(string questionId, string text)
    {
        var (nodeCount, edges, source, target) = NLGraphText.ParseEdgeList(questionId, text, EdgePattern(), "an edge from node I to node J with capacity C", QueryPattern(), "maximum flow from node S to node T");
        return new MaxFlowProblem(nodeCount, edges, source, target);
    }

    /// <summary>Writes the problem as NLGraph question text.</summary>
    public string ToQuestionText() => NLGraphText.WriteEdgeList(
        "In a directed graph",
        NodeCount,
        Edges,
        e => string.Create(CultureInfo.InvariantCulture, $"an edge from node {e.From} to node {e.To} with capacity {e.Weight}"),
        string.Create(CultureInfo.InvariantCulture, $"Q: What is the maximum flow from node {Source} to node {Sink}?"));

    [GeneratedRegex(@"an edge from node (\d+) to node (\d+) with capacity (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EdgePattern();

    [GeneratedRegex(@"maximum flow from node (\d+) to node (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryPattern();
}
