using System.Globalization;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>Shared pieces of NLGraph question parsing.</summary>
internal static partial class NLGraphText
{
    /// <summary>Node count from "numbered from 0 to N", or the largest node named plus one.</summary>
    public static int NodeCount(string questionId, string text, int largestNode)
    {
        var m = NumberedPattern().Match(text);
        if (!m.Success)
        {
            return largestNode + 1;
        }

        var count = int.Parse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture) + 1;
        return count > largestNode
            ? count
            : throw new FormatException($"Question '{questionId}': an edge names node {largestNode} but nodes are numbered from 0 to {count - 1}.");
    }

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
