using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>
/// A delegating chat client that asks the inner client for token log-probabilities and copies them
/// into <see cref="ChatResponse.AdditionalProperties"/> under <see cref="LogProbabilities.AdditionalPropertiesKey"/>.
/// </summary>
/// <remarks>
/// Place it <em>inside</em> a distributed cache (closer to the model than the cache), for example
/// <c>new ChatClientBuilder(inner).UseDistributedCache(cache).UseLogProbabilityCapture().Build()</c>:
/// the cache drops <see cref="ChatResponse.RawRepresentation"/>, so log-probabilities survive a cache
/// hit only if they were copied into additional properties before the response was stored.
/// The request side works with OpenAI-compatible clients (Microsoft.Extensions.AI.OpenAI, which
/// includes vLLM, llama.cpp and Ollama's OpenAI endpoint); other clients can supply their own
/// <see cref="Extractor"/>. Streaming calls pass through unchanged.
/// </remarks>
public sealed class LogProbabilityCaptureChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance wrapping <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client that talks to the model.</param>
    public LogProbabilityCaptureChatClient(IChatClient innerClient)
        : base(innerClient)
    {
    }

    /// <summary>
    /// Reads per-token log-probabilities from a response the inner client returned. The default reads
    /// an OpenAI <c>ChatCompletion</c> raw representation; replace it for other providers.
    /// </summary>
    public Func<ChatResponse, IReadOnlyList<double>?> Extractor { get; set; } = static r => OpenAILogProbabilityReader.TryRead(r.RawRepresentation);

    /// <summary>Whether to ask the inner client for log-probabilities on each request (default <see langword="true"/>).</summary>
    public bool RequestLogProbabilities { get; set; } = true;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var effective = RequestLogProbabilities ? OpenAILogProbabilityReader.RequestLogProbabilities(options) : options;
        var response = await base.GetResponseAsync(messages, effective, cancellationToken).ConfigureAwait(false);
        var alreadyStored = response.AdditionalProperties?.ContainsKey(LogProbabilities.AdditionalPropertiesKey) == true;
        if (!alreadyStored && Extractor(response) is { Count: > 0 } values)
        {
            LogProbabilities.Set(response, values);
        }

        return response;
    }
}
