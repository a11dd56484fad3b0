using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Elicitation;

/// <summary>
/// Builds fenced judge prompts from a template: the one builder both judge elicitors use, public so
/// that a judge model's training data (or a replay of a run) can render exactly the prompts the
/// elicitors will send.
/// </summary>
public static partial class JudgePrompt
{
    /// <summary>
    /// Fills <paramref name="template"/> for the given responses (in the order shown to the judge).
    /// </summary>
    /// <param name="template">The template (<see cref="JudgePromptTemplates.Score"/>, <see cref="JudgePromptTemplates.Pairwise"/> or a custom one with the same placeholders).</param>
    /// <param name="question">The question judged.</param>
    /// <param name="responses">The responses, in the order the judge sees them.</param>
    /// <param name="showOptions">Whether multiple-choice options are listed.</param>
    /// <returns>The prompt text.</returns>
    /// <remarks>
    /// The fence code is derived from the content (so identical requests give identical prompts and
    /// hit a cache) and is re-derived until no response and not the question contains it, so a
    /// response can never contain its closing fence.
    /// For multiple choice, options are listed in canonical order with canonical letters; each
    /// response saw its own permutation, so a note before it maps the letters it used to the
    /// canonical ones (the judge reads the response verbatim, letters and all).
    /// </remarks>
    public static string Build(string template, Question question, IReadOnlyList<Candidate> responses, bool showOptions)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(responses);
        var nonce = Nonce(question, responses);
        var options = showOptions && question.Options is { Count: > 0 } list ? OptionsBlock(list) : string.Empty;
        var questionBlock = $"<<<QUESTION {nonce}>>>\n{question.Prompt}\n<<<END QUESTION {nonce}>>>";
        var responseBlocks = new StringBuilder();
        for (var i = 0; i < responses.Count; i++)
        {
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            var candidate = responses[i];
            responseBlocks.Append("Response ").Append(number).Append(':');
            if (showOptions && question.Options is { Count: > 0 } && candidate.OptionOrder is { Count: > 0 } order && !IsIdentity(order))
            {
                responseBlocks.Append(" (this response saw the options in a different order; its letters mean: ")
                    .Append(string.Join(", ", order.Select((underlying, shown) => $"{Letter(shown)} = ({Letter(underlying)})")))
                    .Append(')');
            }

            responseBlocks.Append('\n')
                .Append("<<<RESPONSE ").Append(number).Append(' ').Append(nonce).Append(">>>\n")
                .Append(candidate.Response).Append('\n')
                .Append("<<<END RESPONSE ").Append(number).Append(' ').Append(nonce).Append(">>>\n\n");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["question"] = questionBlock,
            ["options"] = options,
            ["responses"] = responseBlocks.ToString().TrimEnd('\n'),
            ["count"] = responses.Count.ToString(CultureInfo.InvariantCulture),
        };

        // One pass: text substituted in (a response containing "{count}", say) is never expanded.
        return Placeholder().Replace(template, m => values[m.Groups[1].Value]);
    }

    /// <summary>The canonical letter of option <paramref name="index"/> (A, B, ... Z, then A1, B1, ...).</summary>
    /// <param name="index">The option's zero-based index.</param>
    public static string Letter(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ((char)('A' + (index % 26))).ToString() + (index / 26).ToString(CultureInfo.InvariantCulture);

    private static string OptionsBlock(IReadOnlyList<AnswerOption> options)
    {
        var builder = new StringBuilder("Options:\n");
        for (var i = 0; i < options.Count; i++)
        {
            builder.Append('(').Append(Letter(i)).Append(") ").Append(options[i].Text).Append('\n');
        }

        return builder.ToString();
    }

    private static bool IsIdentity(IReadOnlyList<int> order)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    private static string Nonce(Question question, IReadOnlyList<Candidate> responses)
    {
        for (var salt = 0; ; salt++)
        {
            var material = new StringBuilder()
                .Append(salt).Append('\u0001').Append(question.Id).Append('\u0001').Append(question.Prompt);
            foreach (var r in responses)
            {
                material.Append('\u0001').Append(r.Response);
            }

            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(material.ToString()));
            var nonce = Convert.ToHexString(hash, 0, 6);
            if (!question.Prompt.Contains(nonce, StringComparison.OrdinalIgnoreCase)
                && responses.All(r => !r.Response.Contains(nonce, StringComparison.OrdinalIgnoreCase)))
            {
                return nonce;
            }
        }
    }

    [GeneratedRegex(@"\{(question|options|responses|count)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
