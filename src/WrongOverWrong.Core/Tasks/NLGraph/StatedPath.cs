using System.Globalization;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>The last path a shortest-path response states ("is 0,3,2"), checked against the graph.</summary>
/// <param name="IsValid">A simple path from source to target over existing edges.</param>
/// <param name="Weight">Its weight along the graph's edges, when every edge exists.</param>
/// <param name="Description">What was found, for <see cref="Grade.Detail"/>; <see langword="null"/> when no path is stated.</param>
internal sealed partial record StatedPath(bool IsValid, long? Weight, string? Description)
{
    private const int MaxNodes = 1000;

    /// <summary>Whether this is a valid path whose weight is <paramref name="statedWeight"/>.</summary>
    public bool IsValidFor(double statedWeight) => IsValid && Weight == statedWeight;

    /// <summary>Finds and checks the last stated path of <paramref name="response"/>.</summary>
    public static StatedPath Check(ShortestPathProblem problem, string response)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(response);
        var m = AnswerText.LastMatch(PathPattern(), response);
        if (m is null)
        {
            return new StatedPath(false, null, null);
        }

        var parts = NodeListSeparator().Split(m.Groups[1].Value);
        if (parts.Length > MaxNodes)
        {
            return new StatedPath(false, null, $"stated path is invalid: more than {MaxNodes} nodes");
        }

        var nodes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out nodes[i]))
            {
                return new StatedPath(false, null, $"stated path {m.Groups[1].Value} is invalid: node '{parts[i]}' is not a node number");
            }
        }

        var text = string.Join(",", nodes);
        if (nodes[0] != problem.Source || nodes[^1] != problem.Target)
        {
            return new StatedPath(false, null, string.Create(CultureInfo.InvariantCulture, $"stated path {text} is invalid: it must run from node {problem.Source} to node {problem.Target}"));
        }

        long total = 0;
        for (var i = 1; i < nodes.Length; i++)
        {
            var (a, b) = (nodes[i - 1], nodes[i]);
            long? weight = null;
            foreach (var e in problem.Edges)
            {
                if ((e.From == a && e.To == b) || (e.From == b && e.To == a))
                {
                    weight = Math.Min(weight ?? long.MaxValue, e.Weight);
                }
            }

            if (weight is not { } w)
            {
                return new StatedPath(false, null, string.Create(CultureInfo.InvariantCulture, $"stated path {text} is invalid: no edge between node {a} and node {b}"));
            }

            total += w;
        }

        return nodes.Distinct().Count() != nodes.Length
            ? new StatedPath(false, total, string.Create(CultureInfo.InvariantCulture, $"stated path {text} is a valid walk of weight {total} but repeats a node"))
            : new StatedPath(true, total, string.Create(CultureInfo.InvariantCulture, $"stated path {text} is valid, weight {total}"));
    }

    [GeneratedRegex(@"\bis\s*:?\s*\[?\s*(\d+(?:\s*(?:,|->|→)\s*\d+)+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"\s*(?:,|->|→)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex NodeListSeparator();
}
