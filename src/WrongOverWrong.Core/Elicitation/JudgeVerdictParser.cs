using System.Globalization;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Elicitation;

/// <summary>
/// Reads the verdict of a judge reply: only the reply is parsed (never the prompt or the responses
/// judged), only whole verdict lines count, and parsing is culture-invariant (ASCII digits only).
/// </summary>
public static partial class JudgeVerdictParser
{
    /// <summary>
    /// The pairwise verdict: the number (1 or 2) on the <em>last</em> line of the form
    /// <c>Preferred output: N</c> (markdown emphasis and a trailing period tolerated), or
    /// <see langword="null"/> when the reply has no such line.
    /// </summary>
    /// <param name="reply">The judge's reply text.</param>
    public static int? ParsePairwise(string? reply)
    {
        if (reply is null)
        {
            return null;
        }

        int? verdict = null;
        foreach (var line in Lines(reply))
        {
            var match = PairwiseLine().Match(line);
            if (match.Success)
            {
                verdict = match.Groups[1].Value[0] - '0';
            }
        }

        return verdict;
    }

    /// <summary>
    /// The scores of a score-judge reply, one per response, or <see langword="null"/> (a null batch)
    /// when the count differs from <paramref name="expectedCount"/> or a score is not an integer in 0-5.
    /// </summary>
    /// <remarks>
    /// All <c>Score: n</c> lines are read first (the paper's rule). If their number is wrong, the
    /// trailing run of score lines at the end of the reply is tried, since that is the judge's own
    /// verdict block even when its reasoning quoted a score line from a response.
    /// </remarks>
    /// <param name="reply">The judge's reply text.</param>
    /// <param name="expectedCount">The number of responses in the batch, k.</param>
    public static IReadOnlyList<int>? ParseScores(string? reply, int expectedCount)
    {
        if (reply is null)
        {
            return null;
        }

        var lines = Lines(reply).ToList();
        var all = new List<string>();
        foreach (var line in lines)
        {
            var match = ScoreLine().Match(line);
            if (match.Success)
            {
                all.Add(match.Groups[1].Value);
            }
        }

        if (all.Count == expectedCount)
        {
            return ToScores(all);
        }

        var trailing = new List<string>();
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var match = ScoreLine().Match(lines[i]);
            if (!match.Success)
            {
                break;
            }

            trailing.Insert(0, match.Groups[1].Value);
        }

        return trailing.Count == expectedCount ? ToScores(trailing) : null;
    }

    private static IReadOnlyList<int>? ToScores(List<string> values)
    {
        var scores = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (!decimal.TryParse(values[i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                || d != decimal.Truncate(d) || d < 0 || d > 5)
            {
                return null;
            }

            scores[i] = (int)d;
        }

        return scores;
    }

    // Lines with markdown decoration (bold, headings, quotes, bullets, code ticks) stripped.
    private static IEnumerable<string> Lines(string reply) =>
        reply.Split('\n').Select(l => l.Trim().Trim('*', '_', '#', '>', '`', '-', ' ', '\t', '\r').Trim());

    [GeneratedRegex(@"^preferred\s+output\s*[:=]\s*[*_`]*\s*(?:output\s*|response\s*)?\(?([12])\)?\s*[*_`]*\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairwiseLine();

    [GeneratedRegex(@"^(?:(?:response|output)\s*#?\s*[0-9]+\s*[:\-]?\s*[*_`]*\s*)?score\s*[*_`]*\s*[:=]\s*[*_`]*\s*([0-9]+(?:\.[0-9]+)?)\s*(?:/\s*5)?\s*[*_`]*\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScoreLine();
}
