using System.Text.RegularExpressions;
using WrongOverWrong.Tasks.Extraction;

namespace WrongOverWrong.Tasks.Numeric;

/// <summary>The phrases that state a free numeric answer (SciBench).</summary>
internal static partial class NumericAnswerReader
{
    /// <summary>
    /// Reads a float: answer statements anywhere, and "is / = / ≈ value" in conclusions only (in
    /// reasoning those words introduce intermediate values). "3.2 × 10^4" is one number.
    /// </summary>
    public static NumberAnswerReader Reader { get; } = new([Linking()], null, null, scientific: true, quantityCuesInConclusionsOnly: true);

    [GeneratedRegex(@"(?:\bis\b|\bequals\b|=|≈|~|\bcomes\s+(?:out\s+)?to\b|\bgives\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Linking();
}
