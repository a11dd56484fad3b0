using System.Globalization;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks;

/// <summary>Culture-invariant helpers shared by the answer extractors.</summary>
internal static class AnswerText
{
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
}
