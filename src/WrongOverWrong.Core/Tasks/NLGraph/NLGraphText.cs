using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>Shared pieces of NLGraph question parsing and writing.</summary>
internal static partial class NLGraphText
{
    /// <summary>
    /// The most nodes (or applicants, or jobs) a question may have: NLGraph's largest has 100, and
    /// the solvers allocate per node, so a larger number in a file is an error, not an allocation.
    /// </summary>
    public const int MaxNodes = 10_000;

    /// <summary>
    /// Parses the edge-list questions (shortest path, max flow): every edge line, the query naming
    /// two nodes, and the node count, all checked; errors name the question.
    /// </summary>
    /// <param name="questionId">The question id, named in errors.</param>
    /// <param name="text">The question text.</param>
    /// <param name="edgePattern">Matches one edge line with groups 1-3: the two nodes and the weight.</param>
    /// <param name="edgeForm">The edge line as errors quote it.</param>
    /// <param name="queryPattern">Matches the query with groups 1-2: the two nodes.</param>
    /// <param name="queryForm">The query as errors quote it.</param>
    public static (int NodeCount, List<WeightedEdge> Edges, int Source, int Target) ParseEdgeList(
        string questionId, string text, Regex edgePattern, string edgeForm, Regex queryPattern, string queryForm)
    {
        ArgumentNullException.ThrowIfNull(text);
        var edges = new List<WeightedEdge>();
        foreach (Match m in edgePattern.Matches(text))
        {
            edges.Add(new WeightedEdge(Node(questionId, m.Groups[1]), Node(questionId, m.Groups[2]), Int(questionId, m.Groups[3])));
        }

        if (edges.Count == 0)
        {
            throw new FormatException($"Question '{questionId}': no '{edgeForm}' lines found; cannot parse the graph.");
        }

        var query = queryPattern.Match(text);
        if (!query.Success)
        {
            throw new FormatException($"Question '{questionId}': no '{queryForm}' query found.");
        }

        var nodeCount = NodeCount(questionId, text, edges.Max(e => Math.Max(e.From, e.To)));
        var (source, target) = (Node(questionId, query.Groups[1]), Node(questionId, query.Groups[2]));
        CheckNodes(questionId, nodeCount, source, target);
        return (nodeCount, edges, source, target);
    }

    /// <summary>Writes an edge-list question in NLGraph's exact layout, ending with "\nA:".</summary>
    /// <param name="graph">"In an undirected graph" or "In a directed graph".</param>
    /// <param name="nodeCount">Number of nodes.</param>
    /// <param name="edges">The edges in question order.</param>
    /// <param name="edgeText">One edge's words, without the trailing comma or period.</param>
    /// <param name="query">The "Q: ..." line without its newline.</param>
    public static string WriteEdgeList(string graph, int nodeCount, IReadOnlyList<WeightedEdge> edges, Func<WeightedEdge, string> edgeText, string query)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{graph}, the nodes are numbered from 0 to {nodeCount - 1}, and the edges are:\n");
        for (var i = 0; i < edges.Count; i++)
        {
            builder.Append(edgeText(edges[i]));
            builder.Append(i == edges.Count - 1 ? ".\n" : ",\n");
        }

        builder.Append(query).Append("\nA:");
        return builder.ToString();
    }

    /// <summary>A number of the question text as an int; a FormatException naming the question when it does not fit.</summary>
    public static int Int(string questionId, Group group) =>
        int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Question '{questionId}': the number {Shorten(group.Value)} is too large.");

    /// <summary>A node (or applicant, or job) number, at most <see cref="MaxNodes"/> - 1.</summary>
    public static int Node(string questionId, Group group)
    {
        var value = Int(questionId, group);
        return value < MaxNodes
            ? value
            : throw new FormatException($"Question '{questionId}': node {value} is beyond the supported {MaxNodes} nodes.");
    }

    private static string Shorten(string digits) => digits.Length <= 20 ? digits : digits[..20] + "...";

    /// <summary>Node count from "numbered from 0 to N", or the largest node named plus one.</summary>
    public static int NodeCount(string questionId, string text, int largestNode)
    {
        var m = NumberedPattern().Match(text);
        if (!m.Success)
        {
            return largestNode + 1;
        }

        var count = Node(questionId, m.Groups[1]) + 1;
        return count > largestNode
            ? count
            : throw new FormatException($"Question '{questionId}': an edge names node {largestNode} but nodes are numbered from 0 to {count - 1}.");
    }

    /// <summary>Checks that the query names two different nodes of the graph.</summary>
    public static void CheckNodes(string questionId, int nodeCount, int source, int target)
    {
        if (source >= nodeCount || target >= nodeCount)
        {
            throw new FormatException($"Question '{questionId}': query node {Math.Max(source, target)} is outside 0 to {nodeCount - 1}.");
        }

        if (source == target)
        {
            throw new FormatException($"Question '{questionId}': source and target are both node {source}.");
        }
    }

    /// <summary>Strips NLGraph's trailing "A:" cue: chat prompts add their own instruction after the question.</summary>
    public static string WithoutAnswerCue(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith("A:", StringComparison.Ordinal) ? trimmed[..^2].TrimEnd() : trimmed;
    }

    [GeneratedRegex(@"numbered from 0 to (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberedPattern();
}
