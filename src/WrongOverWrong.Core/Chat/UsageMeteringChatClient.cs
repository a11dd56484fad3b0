using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>
/// A chat client decorator that counts every answered call and its reported token usage into a
/// <see cref="ChatUsageMeter"/>: usage belongs to the calls of one run, not to a shared elicitor or
/// source, so two runs that share those (for example as DI singletons) can still be costed apart.
/// </summary>
/// <remarks>Failed calls are not counted. Streaming calls count once, with the usage of their
/// <see cref="UsageContent"/> updates summed. Place it outermost to count calls as the caller sees
/// them, or inside a retry decorator to count every attempt.</remarks>
public sealed class UsageMeteringChatClient : DelegatingChatClient
{
    private readonly ChatUsageMeter _meter;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client whose calls are counted.</param>
    /// <param name="meter">Receives the counts.</param>
    public UsageMeteringChatClient(IChatClient innerClient, ChatUsageMeter meter)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _meter = meter;
    }

    /// <summary>The meter this client fills.</summary>
    public ChatUsageMeter Meter => _meter;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        _meter.Record(response);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        UsageDetails? usage = null;
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (UsageContent content in update.Contents.OfType<UsageContent>())
            {
                usage ??= new UsageDetails();
                usage.Add(content.Details);
            }

            yield return update;
        }

        _meter.Record(usage);
    }
}
