using System.Globalization;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks;

/// <summary>Culture-invariant helpers shared by the answer extractors.</summary>
internal static partial class AnswerText
{
    /// <summary>A number as models write it: sign, digits with optional thousands commas, decimals, exponent.</summary>
    public const string NumberPattern = @"[-+−]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?";

    /// <summary>Returns the last match of <paramref name="pattern"/> in <paramref name="text"/>, or null.</summary>
    public static Match? LastMatch(Regex pattern, string text)
    {
        Match? last = null;
        for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
        {
            last = m;
        }

        return last;
    }

    /// <summary>Parses a number written with invariant conventions (thousands commas and a Unicode minus allowed).</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        var cleaned = text.Replace(",", string.Empty, StringComparison.Ordinal).Replace('−', '-').Trim();
        return double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>
    /// Extracts the number captured by group 1 of the last match of <paramref name="pattern"/>,
    /// the shape every NLGraph answer takes; <see langword="null"/> when there is none.
    /// </summary>
    /// <remarks>
    /// Models often show their sum: "The total weight is 3 + 4 = 7." The captured number is then
    /// only the first term, so when it is followed by an arithmetic chain that ends in "= N"
    /// ("3 + 4 = 7", "2+3+1=6", "3 + 4 = 5 + 2 = 7") the result after the last '=' is taken.
    /// A chain that does not end in "= N" ("7 - the path ...") leaves the captured number as is.
    /// </remarks>
    public static ExtractedAnswer? LastNumber(Regex pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = LastMatch(pattern, text);
        if (m is null)
        {
            return null;
        }

        var number = m.Groups[1].Value;
        var chain = ArithmeticChain().Match(text, m.Groups[1].Index + m.Groups[1].Length);
        if (chain.Success)
        {
            number = chain.Groups["result"].Value;
        }

        return TryParseNumber(number, out var value)
            ? new ExtractedAnswer(Format(value), Value: value)
            : null;
    }

    /// <summary>Reads a graded candidate's final answer as a number; false when it has none.</summary>
    public static bool TryGetNumber(Candidate candidate, out double value)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        value = 0;
        return candidate.FinalAnswer is not null && TryParseNumber(candidate.FinalAnswer, out value);
    }

    /// <summary>Formats a number for <see cref="ExtractedAnswer.Text"/>: shortest round-trip, invariant.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats an integer-valued count or weight without decimals.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Anchored (\G) right after a captured number: zero or more "<op> <number>" steps, then
    // "= <number>" with no further "<op> <number>" after it, so the result is the number after
    // the LAST '=' of the chain. Bold markers around any number are allowed ("**3** + 4 = **7**").
    [GeneratedRegex(@"\G(?:\s*\**\s*[-+−*×/÷=]\s*\**\s*" + NumberPattern + @")*?\s*\**\s*=\s*\**\s*(?<result>" + NumberPattern + @")(?!\s*\**\s*[-+−*×/÷=]\s*\**\s*[-+−]?\.?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ArithmeticChain();
}
