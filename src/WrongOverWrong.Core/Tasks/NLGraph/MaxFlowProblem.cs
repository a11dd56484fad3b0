using System.Globalization;
using System.Text;
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
    /// <exception cref="FormatException">The graph or the query cannot be parsed; the message names the question.</exception>
    public static MaxFlowProblem Parse(string questionId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var edges = new List<WeightedEdge>();
        foreach (Match m in EdgePattern().Matches(text))
        {
            edges.Add(new WeightedEdge(Int(m.Groups[1]), Int(m.Groups[2]), Int(m.Groups[3])));
        }

        if (edges.Count == 0)
        {
            throw new FormatException($"Question '{questionId}': no 'an edge from node I to node J with capacity C' lines found; cannot parse the graph.");
        }

        var query = QueryPattern().Match(text);
        if (!query.Success)
        {
            throw new FormatException($"Question '{questionId}': no 'maximum flow from node S to node T' query found.");
        }

        var nodeCount = NLGraphText.NodeCount(questionId, text, edges.Max(e => Math.Max(e.From, e.To)));
        var problem = new MaxFlowProblem(nodeCount, edges, Int(query.Groups[1]), Int(query.Groups[2]));
        NLGraphText.CheckNodes(questionId, nodeCount, problem.Source, problem.Sink);
        return problem;
    }

    /// <summary>Writes the problem as NLGraph question text.</summary>
    public string ToQuestionText()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"In a directed graph, the nodes are numbered from 0 to {NodeCount - 1}, and the edges are:\n");
        for (var i = 0; i < Edges.Count; i++)
        {
            var e = Edges[i];
            builder.Append(CultureInfo.InvariantCulture, $"an edge from node {e.From} to node {e.To} with capacity {e.Weight}");
            builder.Append(i == Edges.Count - 1 ? ".\n" : ",\n");
        }

        builder.Append(CultureInfo.InvariantCulture, $"Q: What is the maximum flow from node {Source} to node {Sink}?\nA:");
        return builder.ToString();
    }

    private static int Int(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"an edge from node (\d+) to node (\d+) with capacity (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EdgePattern();

    [GeneratedRegex(@"maximum flow from node (\d+) to node (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryPattern();
}
