using System.Collections;
using System.Reflection;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>
/// Reads and requests OpenAI log-probabilities by member name, so that Core works with
/// Microsoft.Extensions.AI.OpenAI when the application references it, without depending on it.
/// </summary>
/// <remarks>
/// The names used are those of the OpenAI .NET library 2.x: <c>OpenAI.Chat.ChatCompletion.ContentTokenLogProbabilities</c>
/// (items with a <c>float LogProbability</c>), and <c>OpenAI.Chat.ChatCompletionOptions</c> with
/// <c>IncludeLogProbabilities</c> and <c>TopLogProbabilityCount</c>.
/// </remarks>
internal static class OpenAILogProbabilityReader
{
    private const string OptionsTypeName = "OpenAI.Chat.ChatCompletionOptions, OpenAI";

    /// <summary>Reads content-token log-probabilities from an OpenAI chat completion, or returns null.</summary>
    public static IReadOnlyList<double>? TryRead(object? rawRepresentation)
    {
        if (rawRepresentation is null)
        {
            return null;
        }

        var property = rawRepresentation.GetType().GetProperty("ContentTokenLogProbabilities", BindingFlags.Public | BindingFlags.Instance);
        if (property?.GetValue(rawRepresentation) is not IEnumerable items)
        {
            return null;
        }

        var list = new List<double>();
        foreach (var item in items)
        {
            var value = item?.GetType().GetProperty("LogProbability", BindingFlags.Public | BindingFlags.Instance)?.GetValue(item);
            switch (value)
            {
                case float f:
                    list.Add(f);
                    break;
                case double d:
                    list.Add(d);
                    break;
                default:
                    return null;
            }
        }

        return list.Count > 0 ? list : null;
    }

    /// <summary>
    /// Returns a copy of <paramref name="options"/> whose raw-representation factory asks an OpenAI
    /// client for log-probabilities (composing with any factory already set); other providers ignore it.
    /// Returns the options unchanged when the OpenAI library is not loaded.
    /// </summary>
    public static ChatOptions RequestLogProbabilities(ChatOptions? options)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        var optionsType = Type.GetType(OptionsTypeName, throwOnError: false);
        if (optionsType is null)
        {
            return copy;
        }

        var previous = copy.RawRepresentationFactory;
        copy.RawRepresentationFactory = client =>
        {
            var raw = previous?.Invoke(client);
            if (raw is null)
            {
                raw = Activator.CreateInstance(optionsType);
            }
            else if (!optionsType.IsInstanceOfType(raw))
            {
                // Another provider's native options: leave them alone.
                return raw;
            }

            optionsType.GetProperty("IncludeLogProbabilities")?.SetValue(raw, true);
            return raw;
        };
        return copy;
    }
}
