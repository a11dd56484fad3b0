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
    /// Every whole <c>Score: n</c> line of the reply counts; if their number differs from k the
    /// whole batch is null (the paper's rule: no guessing which lines were meant). Lines without a
    /// response label are taken in order. Lines labelled <c>Response N: Score: n</c> (or
    /// <c>Output N</c>) are assigned by their label, so a judge that answers out of order is read
    /// correctly; then every line must carry a label, and the labels must be exactly 1..k once
    /// each, else the batch is null (a missing, repeated or out-of-range label leaves it unknown
    /// which response a score belongs to).
    /// </remarks>
    /// <param name="reply">The judge's reply text.</param>
    /// <param name="expectedCount">The number of responses in the batch, k.</param>
    public static IReadOnlyList<int>? ParseScores(string? reply, int expectedCount)
    {
        if (reply is null || expectedCount < 1)
        {
            return null;
        }

        var found = new List<(int? Label, string Value)>();
        foreach (var line in Lines(reply))
        {
            var match = ScoreLine().Match(line);
            if (match.Success)
            {
                int? label = match.Groups["label"].Success
                    ? (int.TryParse(match.Groups["label"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                    : null;
                found.Add((label, match.Groups["score"].Value));
            }
        }

        if (found.Count != expectedCount)
        {
            return null;
        }

        var labelled = found.Count(f => f.Label is not null);
        if (labelled == 0)
        {
            return ToScores(found.Select(f => f.Value).ToList());
        }

        if (labelled != found.Count)
        {
            return null;
        }

        var ordered = new string?[expectedCount];
        foreach (var (label, value) in found)
        {
            if (label is not { } l || l < 1 || l > expectedCount || ordered[l - 1] is not null)
            {
                return null;
            }

            ordered[l - 1] = value;
        }

        // Count == k, every label in 1..k and none repeated: all slots are filled.
        return ToScores(ordered.Select(v => v!).ToList());
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

    [GeneratedRegex(@"^(?:(?:response|output)\s*#?\s*(?<label>[0-9]+)\s*[*_`]*\s*[:\-]?\s*[*_`]*\s*)?score\s*[*_`]*\s*[:=]\s*[*_`]*\s*(?<score>[0-9]+(?:\.[0-9]+)?)\s*(?:/\s*5)?\s*[*_`]*\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScoreLine();
}
