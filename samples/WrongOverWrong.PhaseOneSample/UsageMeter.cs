using Microsoft.Extensions.AI;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>
/// Running totals of the calls a chat client made and the tokens they used, for the progress bars
/// and the sampling summary (the pipeline reports questions done, not calls).
/// </summary>
internal sealed class UsageMeter
{
    private long _calls;
    private long _inputTokens;
    private long _outputTokens;

    public long Calls => Interlocked.Read(ref _calls);

    public long InputTokens => Interlocked.Read(ref _inputTokens);

    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    public void Add(UsageDetails? usage)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _inputTokens, usage?.InputTokenCount ?? 0);
        Interlocked.Add(ref _outputTokens, usage?.OutputTokenCount ?? 0);
    }
}

/// <summary>The outermost stage of a client pipeline: counts each answered call into a <see cref="UsageMeter"/>.</summary>
internal sealed class MeteringChatClient(IChatClient inner, UsageMeter meter) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        meter.Add(response.Usage);
        return response;
    }
}
