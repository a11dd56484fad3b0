using System.Text.RegularExpressions;

namespace WrongOverWrong.Tests.TestDoubles;

/// <summary>Reads the fenced responses out of a judge prompt, the way a careful judge model would.</summary>
public static partial class FencedPrompt
{
    public static IReadOnlyList<string> Responses(string prompt) =>
        Fence().Matches(prompt).Select(m => m.Groups[3].Value).ToList();

    public static string Nonce(string prompt) => Fence().Match(prompt).Groups[2].Value;

    [GeneratedRegex(@"<<<RESPONSE (\d+) ([0-9A-F]+)>>>\n(.*?)\n<<<END RESPONSE \1 \2>>>", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
