using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>
/// An NLGraph shortest-path problem: an undirected weighted graph and the two nodes asked about.
/// Parses and writes NLGraph's exact question text, so real and synthetic questions share one format.
/// </summary>
/// <param name="NodeCount">Number of nodes, numbered 0 to NodeCount - 1.</param>
/// <param name="Edges">The undirected weighted edges, in question order.</param>
/// <param name="Source">The start node.</param>
/// <param name="Target">The end node.</param>
public sealed partial record ShortestPathProblem(int NodeCount, IReadOnlyList<WeightedEdge> Edges, int Source, int Target)
{
    /// <summary>
    /// Parses NLGraph question text ("an edge between node I and node J with weight W," lines and
    /// "Q: Give the shortest path from node S to node T.").
    /// </summary>
    /// <param name="questionId">The question id, named in errors.</param>
    /// <param name="text">The question text.</param>
    /// <exception cref="FormatException">The text has no edges, no query, or a node out of range; the message names the question.</exception>
    public static ShortestPathProblem Parse(string questionId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var edges = new List<WeightedEdge>();
        foreach (Match m in EdgePattern().Matches(text))
        {
            edges.Add(new WeightedEdge(Int(m.Groups[1]), Int(m.Groups[2]), Int(m.Groups[3])));
        }

        if (edges.Count == 0)
        {
            throw new FormatException($"Question '{questionId}': no 'an edge between node I and node J with weight W' lines found; cannot parse the graph.");
        }

        var query = QueryPattern().Match(text);
        if (!query.Success)
        {
            throw new FormatException($"Question '{questionId}': no 'shortest path from node S to node T' query found.");
        }

        var nodeCount = NLGraphText.NodeCount(questionId, text, edges.Max(e => Math.Max(e.From, e.To)));
        var problem = new ShortestPathProblem(nodeCount, edges, Int(query.Groups[1]), Int(query.Groups[2]));
        NLGraphText.CheckNodes(questionId, nodeCount, problem.Source, problem.Target);
        return problem;
    }

    /// <summary>Writes the problem as NLGraph question text, ending with "\nA:" like the benchmark.</summary>
    public string ToQuestionText()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"In an undirected graph, the nodes are numbered from 0 to {NodeCount - 1}, and the edges are:\n");
        for (var i = 0; i < Edges.Count; i++)
        {
            var e = Edges[i];
            builder.Append(CultureInfo.InvariantCulture, $"an edge between node {e.From} and node {e.To} with weight {e.Weight}");
            builder.Append(i == Edges.Count - 1 ? ".\n" : ",\n");
        }

        builder.Append(CultureInfo.InvariantCulture, $"Q: Give the shortest path from node {Source} to node {Target}.\nA:");
        return builder.ToString();
    }

    /// <summary>Writes NLGraph's gold answer sentence for a path and its weight.</summary>
    /// <param name="path">The path, source first.</param>
    /// <param name="weight">Its total weight.</param>
    public string FormatAnswer(IReadOnlyList<int> path, long weight)
    {
        ArgumentNullException.ThrowIfNull(path);
        return string.Create(CultureInfo.InvariantCulture, $"The shortest path from node {Source} to node {Target} is {string.Join(",", path)} with a total weight of {weight}");
    }

    private static int Int(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"an edge between node (\d+) and node (\d+) with weight (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EdgePattern();

    [GeneratedRegex(@"shortest path from node (\d+) to node (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryPattern();
}
