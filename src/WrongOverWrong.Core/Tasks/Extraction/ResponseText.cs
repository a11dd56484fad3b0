using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.Extraction;

/// <summary>Turns a chat response into the plain sentences a person reads: markdown and LaTeX wrappers removed.</summary>
internal static partial class ResponseText
{
    /// <summary>The longest response read; longer input is cut so a hostile response cannot make reading slow.</summary>
    public const int MaxLength = 100_000;

    /// <summary>
    /// The longest sentence read: a final statement is short, and the cue scans are quadratic in
    /// the worst case, so a longer "sentence" (text without breaks) keeps only its end, where a final answer stands.
    /// </summary>
    public const int MaxSentenceLength = 1_000;

    /// <summary>
    /// Removes formatting that carries no meaning for the answer: bold and code markers, math
    /// delimiters, headers and bullets. <c>\boxed{X}</c> becomes "Final answer: X." because a box is
    /// how LaTeX-trained models mark their final answer.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        text = Boxed().Replace(text, " Final answer: $1.\n");
        text = TextCommand().Replace(text, "$1");
        text = text.Replace(@"\approx", "≈", StringComparison.Ordinal).Replace(@"\cdot", "×", StringComparison.Ordinal);
        text = Wrappers().Replace(text, string.Empty);
        text = LineDecoration().Replace(text, string.Empty);
        return text;
    }

    /// <summary>Splits normalised text into sentences: at line breaks and at '.', '!' or '?' followed by a space or the end.</summary>
    public static List<string> Sentences(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c == '\n'
                || (c is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !IsAbbreviation(text, i));
            if (end)
            {
                Add(sentences, text[start..(c == '\n' ? i : i + 1)]);
                start = i + 1;
            }
        }

        Add(sentences, text[start..]);
        return sentences;
    }

    private static void Add(List<string> sentences, string sentence)
    {
        var trimmed = sentence.Trim();
        if (trimmed.Length > MaxSentenceLength)
        {
            trimmed = trimmed[^MaxSentenceLength..];
        }

        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }

    // "vs. 6" and "e.g. 4" do not end a sentence: the number after them belongs to the same clause.
    private static bool IsAbbreviation(string text, int dot)
    {
        if (text[dot] != '.')
        {
            return false;
        }

        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot].ToLowerInvariant();
        return word is "vs" or "e.g" or "i.e" or "approx" or "cf" or "etc" or "st" or "dr" or "mr" or "mrs" or "ms";
    }

    [GeneratedRegex(@"\\boxed\s*\{([^{}\n]{0,200})\}", RegexOptions.CultureInvariant)]
    private static partial Regex Boxed();

    [GeneratedRegex(@"\\(?:text|mathrm|mathbf|textbf)\s*\{([^{}\n]{0,200})\}", RegexOptions.CultureInvariant)]
    private static partial Regex TextCommand();

    // Bold/italic double markers, code ticks, math delimiters: "**4**", "`4`", "$4$", "\(4\)".
    [GeneratedRegex(@"\*\*|__|`|\$|\\\(|\\\)|\\\[|\\\]", RegexOptions.CultureInvariant)]
    private static partial Regex Wrappers();

    // Markdown headers, quotes and bullets at the start of a line.
    [GeneratedRegex(@"(?m)^[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[-*•+][ \t]+)", RegexOptions.CultureInvariant)]
    private static partial Regex LineDecoration();
}
