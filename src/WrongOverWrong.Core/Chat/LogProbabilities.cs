using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>
/// The contract by which chat clients hand per-token log-probabilities to WrongOverWrong, and the
/// readers that find them again after a distributed-cache round trip.
/// </summary>
/// <remarks>
/// <para>
/// A client (our <see cref="LogProbabilityCaptureChatClient"/>, or a local model's chat client)
/// stores the log-probabilities of the response's content tokens, in order, as a
/// <see cref="T:double[]"/> under <see cref="AdditionalPropertiesKey"/> in
/// <see cref="ChatResponse.AdditionalProperties"/>.
/// </para>
/// <para>
/// Why not read <see cref="ChatResponse.RawRepresentation"/>? <see cref="DistributedCachingChatClient"/>
/// drops it, so a cached response would lose its log-probabilities; additional properties survive,
/// but come back as <see cref="JsonElement"/>. The readers here accept the live array, any sequence of
/// numbers, the cached JSON array and, as a last resort, an OpenAI <c>ChatCompletion</c> raw
/// representation (read by name, so Core needs no OpenAI reference).
/// </para>
/// </remarks>
public static class LogProbabilities
{
    /// <summary>
    /// The key in <see cref="ChatResponse.AdditionalProperties"/> under which the per-token
    /// log-probabilities of the response content are stored, as <see cref="T:double[]"/> (natural log, one value per token).
    /// </summary>
    public const string AdditionalPropertiesKey = "wrongoverwrong.logprobs";

    /// <summary>Stores per-token log-probabilities on a response under <see cref="AdditionalPropertiesKey"/>.</summary>
    /// <param name="response">The response to annotate.</param>
    /// <param name="tokenLogProbabilities">Natural-log probabilities of the response's content tokens, in order.</param>
    public static void Set(ChatResponse response, IReadOnlyList<double> tokenLogProbabilities)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(tokenLogProbabilities);
        response.AdditionalProperties ??= [];
        response.AdditionalProperties[AdditionalPropertiesKey] = tokenLogProbabilities.ToArray();
    }

    /// <summary>
    /// Reads the per-token log-probabilities of a response: from <see cref="AdditionalPropertiesKey"/>
    /// (live or cached JSON form), else from an OpenAI raw representation; <see langword="null"/> when absent.
    /// </summary>
    /// <param name="response">The response to read.</param>
    public static IReadOnlyList<double>? Get(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.AdditionalProperties is { } properties
            && properties.TryGetValue(AdditionalPropertiesKey, out var value)
            && FromValue(value) is { } stored)
        {
            return stored;
        }

        return OpenAILogProbabilityReader.TryRead(response.RawRepresentation);
    }

    /// <summary>
    /// The mean token log-probability of a response (the paper's confidence and log-probability
    /// elicitor score), or <see langword="null"/> when the client reported none.
    /// </summary>
    /// <param name="response">The response to read.</param>
    public static double? GetMean(ChatResponse response)
    {
        var values = Get(response);
        return values is { Count: > 0 } ? values.Average() : null;
    }

    /// <summary>Converts a stored value (live array, sequence of numbers, or cached JSON) into log-probabilities.</summary>
    internal static IReadOnlyList<double>? FromValue(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case double[] doubles:
                return doubles;
            case IEnumerable<double> doubles:
                return doubles.ToArray();
            case IEnumerable<float> floats:
                return floats.Select(f => (double)f).ToArray();
            case JsonElement element:
                return FromJson(element);
            case string:
                return null;
            case IEnumerable items:
                var list = new List<double>();
                foreach (var item in items)
                {
                    if (ToDouble(item) is not { } d)
                    {
                        return null;
                    }

                    list.Add(d);
                }

                return list;
            default:
                return null;
        }
    }

    private static double? ToDouble(object? item) => item switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        int i => i,
        long l => l,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.Object } e => LogProbFromObject(e),
        _ => null,
    };

    private static IReadOnlyList<double>? FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<double>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (ToDouble(item) is not { } d)
            {
                return null;
            }

            list.Add(d);
        }

        return list;
    }

    // Tolerates a {"token": "...", "logprob": -0.1} shape too, which other producers may emit.
    private static double? LogProbFromObject(JsonElement element)
    {
        foreach (var name in (ReadOnlySpan<string>)["logprob", "logProbability", "LogProbability"])
        {
            if (element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number)
            {
                return v.GetDouble();
            }
        }

        return null;
    }
}
