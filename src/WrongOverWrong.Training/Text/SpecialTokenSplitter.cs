using System.Text.RegularExpressions;

namespace WrongOverWrong.Training.Text;

/// <summary>
/// Cuts text at special-token strings so they map to their ids whatever the backend does with them,
/// as Hugging Face tokenizers do for added tokens. Longer tokens win over their prefixes.
/// </summary>
internal sealed class SpecialTokenSplitter
{
    private readonly Regex? _pattern;

    public SpecialTokenSplitter(IEnumerable<string> specialTokens)
    {
        var alternatives = specialTokens
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(t => t.Length)
            .ThenBy(t => t, StringComparer.Ordinal)
            .Select(Regex.Escape)
            .ToList();
        _pattern = alternatives.Count == 0 ? null : new Regex(string.Join("|", alternatives), RegexOptions.CultureInvariant);
    }

    /// <summary>Yields (segment, isSpecial) in order; ordinary segments are never empty.</summary>
    public IEnumerable<(string Segment, bool IsSpecial)> Split(string text)
    {
        if (_pattern is null)
        {
            if (text.Length > 0)
            {
                yield return (text, false);
            }
            yield break;
        }

        var position = 0;
        foreach (Match match in _pattern.Matches(text))
        {
            if (match.Index > position)
            {
                yield return (text[position..match.Index], false);
            }
            yield return (match.Value, true);
            position = match.Index + match.Length;
        }
        if (position < text.Length)
        {
            yield return (text[position..], false);
        }
    }
}
