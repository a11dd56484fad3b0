using System.Globalization;
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
    /// <exception cref="FormatException">The text has no edges, no query, a node out of range or a number too large; the message names the question.</exception>
    public static ShortestPathProblem Parse(string questionId, string text)
    {
        var (nodeCount, edges, source, target) = NLGraphText.ParseEdgeList(questionId, text, EdgePattern(), "an edge between node I and node J with weight W", QueryPattern(), "shortest path from node S to node T");
        return new ShortestPathProblem(nodeCount, edges, source, target);
    }

    /// <summary>Writes the problem as NLGraph question text, ending with "\nA:" like the benchmark.</summary>
    public string ToQuestionText() => NLGraphText.WriteEdgeList(
        "In an undirected graph",
        NodeCount,
        Edges,
        e => string.Create(CultureInfo.InvariantCulture, $"an edge between node {e.From} and node {e.To} with weight {e.Weight}"),
        string.Create(CultureInfo.InvariantCulture, $"Q: Give the shortest path from node {Source} to node {Target}."));

    /// <summary>Writes NLGraph's gold answer sentence for a path and its weight.</summary>
    /// <param name="path">The path, source first.</param>
    /// <param name="weight">Its total weight.</param>
    public string FormatAnswer(IReadOnlyList<int> path, long weight)
    {
        ArgumentNullException.ThrowIfNull(path);
        return string.Create(CultureInfo.InvariantCulture, $"The shortest path from node {Source} to node {Target} is {string.Join(",", path)} with a total weight of {weight}");
    }

    [GeneratedRegex(@"an edge between node (\d+) and node (\d+) with weight (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EdgePattern();

    [GeneratedRegex(@"shortest path from node (\d+) to node (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryPattern();
}
