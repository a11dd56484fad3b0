using System.Text.RegularExpressions;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// Rewrites the option letters of a multiple-choice response from the option order it was answered
/// under into another order, so that a preference pair whose two candidates saw different orders
/// can share one prompt and still say what each candidate meant.
/// </summary>
/// <remarks>
/// Letters are rewritten where a response names an option: within a few words after an answer cue
/// ("The answer is B.", "Answer: (C)"), in parentheses or bold ("(B)", "**B**"), after the word
/// "option" ("option B"), and at the start of a line listing options ("B. ...", "B) ..."). Callers
/// check the result by extracting the final answer again under the new order.
/// </remarks>
public static partial class OptionRelettering
{
    /// <summary>Rewrites <paramref name="text"/>, written against <paramref name="from"/>, into <paramref name="to"/>.</summary>
    /// <param name="text">The response.</param>
    /// <param name="from">The order the response saw (<c>from[k]</c> = underlying option shown at letter k).</param>
    /// <param name="to">The order to rewrite into.</param>
    public static string Reletter(string text, IReadOnlyList<int> from, IReadOnlyList<int> to)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count != to.Count)
        {
            throw new ArgumentException($"The orders have {from.Count} and {to.Count} options; they must show the same options.", nameof(to));
        }

        if (from.SequenceEqual(to))
        {
            return text;
        }

        // Letter k of 'from' names underlying option from[k]; in 'to' that option has letter position of from[k].
        var map = new char[from.Count];
        for (var k = 0; k < from.Count; k++)
        {
            var position = -1;
            for (var j = 0; j < to.Count; j++)
            {
                if (to[j] == from[k])
                {
                    position = j;
                    break;
                }
            }

            if (position < 0)
            {
                throw new ArgumentException($"Option {from[k]} is in the first order but not the second.", nameof(to));
            }

            map[k] = (char)('A' + position);
        }

        string Map(Match m)
        {
            var g = m.Groups["letter"];
            var k = g.Value[0] - 'A';
            if (k < 0 || k >= map.Length)
            {
                return m.Value;
            }

            return string.Concat(m.Value.AsSpan(0, g.Index - m.Index), map[k].ToString(), m.Value.AsSpan(g.Index - m.Index + 1));
        }

        return LetterPattern().Replace(text, Map);
    }

    // One alternation, so each letter is rewritten at most once.
    [GeneratedRegex(
        @"(?:(?i:answer)\s*(?:(?i:is)\s*:?|:)\s*(?:[\w'’]+\s+){0,3}?[\(\[*""“]*(?<letter>[A-Z])(?![A-Za-z0-9]))" +
        @"|(?:[\(\[](?<letter>[A-Z])[\)\]])" +
        @"|(?:\*\*(?<letter>[A-Z])\*\*)" +
        @"|(?:(?i:option)\s+(?<letter>[A-Z])(?![A-Za-z0-9]))" +
        @"|(?:(?m:^)\s*(?<letter>[A-Z])[.)](?=\s))",
        RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex LetterPattern();
}
