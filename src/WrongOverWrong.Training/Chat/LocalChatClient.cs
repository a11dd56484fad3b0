using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Sampling;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Chat;

/// <summary>
/// An <see cref="IChatClient"/> over a local TorchSharp model: renders the conversation with an
/// <see cref="IChatTemplate"/>, encodes it, samples with <see cref="SequenceSampler"/> and decodes. Answer
/// sources and elicitors written against <see cref="IChatClient"/> then run on the model being aligned.
/// </summary>
/// <remarks>
/// <para>Per-token log-probabilities of the response content (natural log, under the model's own
/// distribution, stop token excluded) are stored as <see cref="T:double[]"/> in
/// <see cref="ChatResponse.AdditionalProperties"/> under <see cref="LogProbabilitiesKey"/>, the key Core's
/// readers use. <see cref="ChatOptions"/> maps as: Temperature (0 = greedy), TopP, TopK, MaxOutputTokens,
/// Seed (none = a fresh random seed per call, so repeated calls differ as with a server), StopSequences
/// (cut from the decoded text after generation; generation itself stops at the template's stop tokens
/// or the length limit). Tools and frequency/presence penalties are not supported and raise
/// <see cref="NotSupportedException"/> rather than being ignored.</para>
/// <para>Calls are serialized: a TorchSharp module is not thread-safe, so concurrent requests queue.
/// Streaming yields the finished response as updates once it is complete (no token-by-token streaming).</para>
/// <para>It implements <see cref="IBatchChatClient"/> (found through <see cref="GetService"/>): many
/// conversations with per-response seeds decode as one batch, and a response depends only on its seed,
/// so a batched run and one call per response with the same seeds give the same answers.</para>
/// <para>The client does not own the model: dispose the model yourself.</para>
/// </remarks>
public sealed class LocalChatClient : IChatClient, IBatchChatClient
{
    /// <summary>
    /// The <see cref="ChatResponse.AdditionalProperties"/> key of the per-token log-probabilities
    /// (same value as <c>WrongOverWrong.Chat.LogProbabilities.AdditionalPropertiesKey</c> in Core).
    /// </summary>
    public const string LogProbabilitiesKey = WrongOverWrong.Chat.LogProbabilities.AdditionalPropertiesKey;

    /// <summary>
    /// The <see cref="ChatResponse.AdditionalProperties"/> key, present only when non-zero, counting generated ids
    /// beyond the tokenizer's vocabulary (padding rows of the model's embedding); they decode to no text.
    /// </summary>
    public const string UnknownTokenCountKey = "wrongoverwrong.unknown_token_count";

    private readonly Func<IReadOnlyList<int>, SamplingOptions, CancellationToken, IReadOnlyList<GeneratedSequence>> _sample;
    private readonly Func<IReadOnlyList<SamplingRequest>, CancellationToken, IReadOnlyList<IReadOnlyList<GeneratedSequence>>> _sampleBatch;
    private readonly ITextTokenizer _tokenizer;
    private readonly IChatTemplate _template;
    private readonly LocalChatClientOptions _options;
    private readonly IReadOnlyList<int> _stopIds;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object? _model;

    /// <summary>Creates a client over <paramref name="model"/>.</summary>
    /// <param name="model">The causal language model (not disposed by this client).</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="template">The model family's chat template.</param>
    /// <param name="options">Defaults for requests that leave a setting unset.</param>
    public LocalChatClient(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate template, LocalChatClientOptions? options = null)
        : this(CreateSampler(model, options), tokenizer, template, options)
    {
        if (tokenizer.VocabularySize > model.VocabularySize)
        {
            throw new ArgumentException(
                $"The tokenizer has {tokenizer.VocabularySize} ids but the model only {model.VocabularySize} rows.", nameof(tokenizer));
        }
        _model = model;
    }

    /// <summary>Seam for tests: any function that samples one completion of a prompt (batches call it once per response).</summary>
    internal LocalChatClient(
        Func<IReadOnlyList<int>, SamplingOptions, CancellationToken, IReadOnlyList<GeneratedSequence>> sample,
        ITextTokenizer tokenizer,
        IChatTemplate template,
        LocalChatClientOptions? options = null)
        : this((sample, (requests, ct) => requests.Select(r => (IReadOnlyList<GeneratedSequence>)Enumerable.Range(0, r.Options.NumSamples)
            .Select(i => sample(r.Prompt, r.Options with { NumSamples = 1, Seed = r.SeedOf(i) }, ct)[0]).ToList()).ToList()), tokenizer, template, options)
    {
    }

    private LocalChatClient(
        (Func<IReadOnlyList<int>, SamplingOptions, CancellationToken, IReadOnlyList<GeneratedSequence>> One,
         Func<IReadOnlyList<SamplingRequest>, CancellationToken, IReadOnlyList<IReadOnlyList<GeneratedSequence>>> Batch) sampler,
        ITextTokenizer tokenizer,
        IChatTemplate template,
        LocalChatClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(sampler.One);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(template);
        _sample = sampler.One;
        _sampleBatch = sampler.Batch;
        _tokenizer = tokenizer;
        _template = template;
        _options = options ?? new LocalChatClientOptions();
        _stopIds = ResolveStopIds(tokenizer, template);
        Metadata = new ChatClientMetadata("WrongOverWrong.Local", null, _options.ModelId);
    }

    /// <summary>Provider name "WrongOverWrong.Local" and the configured model id.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <summary>The ids that end generation: each stop token of the template that is a single id, and the tokenizer's end of sequence.</summary>
    public IReadOnlyList<int> StopTokenIds => _stopIds;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var responses = await SampleAsync(messages, 1, options, cancellationToken).ConfigureAwait(false);
        return responses[0];
    }

    /// <summary>
    /// Samples <paramref name="count"/> responses to the same conversation in one batch: the prompt is
    /// encoded and prefilled once and the samples decode together, which is much faster than
    /// <paramref name="count"/> separate calls (the paper draws ten answers per question).
    /// </summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="count">Number of responses (at least 1).</param>
    /// <param name="options">As for <see cref="GetResponseAsync"/>; one seed drives the whole batch.</param>
    /// <param name="cancellationToken">Checked between decoding steps.</param>
    public Task<IReadOnlyList<ChatResponse>> GetResponsesAsync(
        IEnumerable<ChatMessage> messages,
        int count,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return SampleAsync(messages, count, options, cancellationToken);
    }

    /// <summary>
    /// Samples every request's responses in shared generation batches (prompts of different lengths
    /// left-padded, at most <see cref="LocalChatClientOptions.MaxBatchTokens"/> cache positions each).
    /// Response i of a request uses seed <c>Seeds[i]</c>, else one derived from <see cref="ChatOptions.Seed"/>
    /// (<see cref="SamplingSeeds.ForSample"/>; a fresh random seed when unset).
    /// </summary>
    /// <param name="requests">The conversations, counts, options and seeds.</param>
    /// <param name="cancellationToken">Checked between decoding steps.</param>
    public async Task<IReadOnlyList<IReadOnlyList<ChatResponse>>> GetBatchResponsesAsync(IReadOnlyList<ChatBatchRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var prompts = new List<IReadOnlyList<int>>(requests.Count);
        var sampling = new List<SamplingRequest>(requests.Count);
        foreach (ChatBatchRequest request in requests)
        {
            ArgumentNullException.ThrowIfNull(request, nameof(requests));
            IReadOnlyList<int> promptIds = ChatPromptEncoder.Encode(_tokenizer, _template, request.Messages);
            if (promptIds.Count == 0)
            {
                throw new ArgumentException("A rendered prompt encodes to no tokens.", nameof(requests));
            }

            prompts.Add(promptIds);
            sampling.Add(new SamplingRequest(promptIds, ToSamplingOptions(request.Options) with { NumSamples = request.Count }) { Seeds = request.Seeds });
        }

        IReadOnlyList<IReadOnlyList<GeneratedSequence>> sequences;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            sequences = await Task.Run(
                () =>
                {
                    TorchThreads.Apply(_options.Threads);
                    return _sampleBatch(sampling, cancellationToken);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        var result = new List<IReadOnlyList<ChatResponse>>(requests.Count);
        for (int q = 0; q < requests.Count; q++)
        {
            if (sequences[q].Count != requests[q].Count)
            {
                throw new InvalidOperationException($"The sampler returned {sequences[q].Count} sequences for {requests[q].Count} requested.");
            }

            result.Add(sequences[q].Select(sequence => ToResponse(sequence, prompts[q].Count, requests[q].Options)).ToList());
        }

        return result;
    }

    private async Task<IReadOnlyList<ChatResponse>> SampleAsync(
        IEnumerable<ChatMessage> messages,
        int count,
        ChatOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var sampling = ToSamplingOptions(options) with { NumSamples = count };
        IReadOnlyList<int> promptIds = ChatPromptEncoder.Encode(_tokenizer, _template, messages);
        if (promptIds.Count == 0)
        {
            throw new ArgumentException("The rendered prompt encodes to no tokens.", nameof(messages));
        }

        IReadOnlyList<GeneratedSequence> sequences;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Sampling is synchronous native work; run it off the caller's thread.
            sequences = await Task.Run(
                () =>
                {
                    TorchThreads.Apply(_options.Threads);
                    return _sample(promptIds, sampling, cancellationToken);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
        if (sequences.Count != count)
        {
            throw new InvalidOperationException($"The sampler returned {sequences.Count} sequences for {count} requested.");
        }
        return sequences.Select(sequence => ToResponse(sequence, promptIds.Count, options)).ToList();
    }

    private ChatResponse ToResponse(GeneratedSequence sequence, int promptTokenCount, ChatOptions? options)
    {
        var stopped = sequence.FinishReason == FinishReason.Stop;
        var contentCount = stopped ? sequence.Tokens.Count - 1 : sequence.Tokens.Count;
        var finish = stopped ? ChatFinishReason.Stop : ChatFinishReason.Length;
        // Models may have more embedding rows than the tokenizer has ids (Qwen2 pads its vocabulary);
        // such ids carry no text. They are counted on the response instead of failing the call.
        var unknown = sequence.Tokens.Take(contentCount).Count(id => id >= _tokenizer.VocabularySize);
        var text = Decode(sequence.Tokens.Take(contentCount));
        if (options?.StopSequences is { Count: > 0 } stops && FirstStop(text, stops) is { } cut)
        {
            text = text[..cut];
            contentCount = TokensCovering(sequence.Tokens, contentCount, cut);
            finish = ChatFinishReason.Stop;
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = _options.ModelId,
            ResponseId = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = finish,
            Usage = new UsageDetails
            {
                InputTokenCount = promptTokenCount,
                OutputTokenCount = sequence.Tokens.Count,
                TotalTokenCount = promptTokenCount + sequence.Tokens.Count,
            },
            RawRepresentation = sequence,
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [LogProbabilitiesKey] = sequence.LogProbabilities.Take(contentCount).ToArray(),
            },
        };
        if (unknown > 0)
        {
            response.AdditionalProperties[UnknownTokenCountKey] = unknown;
        }
        return response;
    }

    /// <inheritdoc />
    /// <remarks>Yields the complete response once it is generated.</remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        if (serviceType == typeof(ChatClientMetadata))
        {
            return Metadata;
        }
        foreach (var candidate in new[] { this, _model, _tokenizer, (object)_template })
        {
            if (candidate is not null && serviceType.IsInstanceOfType(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private SamplingOptions ToSamplingOptions(ChatOptions? options)
    {
        if (options?.Tools is { Count: > 0 })
        {
            throw new NotSupportedException("LocalChatClient does not support tools (ChatOptions.Tools).");
        }
        if (options?.FrequencyPenalty is { } fp && fp != 0 || options?.PresencePenalty is { } pp && pp != 0)
        {
            throw new NotSupportedException("LocalChatClient does not support frequency or presence penalties.");
        }
        var sampling = new SamplingOptions
        {
            NumSamples = 1,
            MaxNewTokens = options?.MaxOutputTokens ?? _options.MaxOutputTokens,
            Temperature = options?.Temperature ?? _options.Temperature,
            TopP = options?.TopP ?? _options.TopP,
            TopK = options?.TopK ?? _options.TopK,
            Seed = options?.Seed ?? Random.Shared.NextInt64(),
            StopTokens = _stopIds,
            UseKeyValueCache = _options.UseKeyValueCache,
        };
        try
        {
            sampling.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"ChatOptions: {ex.Message}", nameof(options), ex);
        }
        return sampling;
    }

    private string Decode(IEnumerable<int> ids) =>
        _tokenizer.Decode(ids.Where(id => id < _tokenizer.VocabularySize), skipSpecialTokens: true);

    private static int? FirstStop(string text, IEnumerable<string> stops)
    {
        int? first = null;
        foreach (var stop in stops)
        {
            if (string.IsNullOrEmpty(stop))
            {
                continue;
            }
            var index = text.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (first is null || index < first))
            {
                first = index;
            }
        }
        return first;
    }

    // The number of leading tokens whose text ends at or before the cut; their log-probs are the content's.
    private int TokensCovering(IReadOnlyList<int> tokens, int contentCount, int cut)
    {
        var count = 0;
        for (var k = 1; k <= contentCount; k++)
        {
            if (Decode(tokens.Take(k)).Length > cut)
            {
                break;
            }
            count = k;
        }
        return count;
    }

    private static IReadOnlyList<int> ResolveStopIds(ITextTokenizer tokenizer, IChatTemplate template)
    {
        var ids = new List<int>();
        foreach (var token in template.StopTokens)
        {
            // Only stop tokens that are one id can end sampling; the others are unknown to this tokenizer.
            if (tokenizer.Encode(token) is [var id] && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        foreach (var id in tokenizer.EndOfSequenceIds)
        {
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    private static (Func<IReadOnlyList<int>, SamplingOptions, CancellationToken, IReadOnlyList<GeneratedSequence>> One,
        Func<IReadOnlyList<SamplingRequest>, CancellationToken, IReadOnlyList<IReadOnlyList<GeneratedSequence>>> Batch) CreateSampler(ICausalLanguageModel model, LocalChatClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sampler = new SequenceSampler(model) { MaxBatchTokens = (options ?? new LocalChatClientOptions()).MaxBatchTokens };
        return ((prompt, sampling, cancellationToken) => sampler.Sample(prompt, sampling, null, cancellationToken),
            (requests, cancellationToken) => sampler.SampleBatch(requests, null, cancellationToken));
    }
}
