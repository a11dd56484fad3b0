using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>One conversation of an <see cref="IBatchChatClient"/> call and how many responses to draw for it.</summary>
public sealed class ChatBatchRequest
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="messages">The conversation (copied).</param>
    /// <param name="count">Responses to draw (at least 1; the number of <paramref name="seeds"/> when given).</param>
    /// <param name="options">Sampling settings shared by the responses; <see cref="ChatOptions.Seed"/> is ignored when <paramref name="seeds"/> are given.</param>
    /// <param name="seeds">One seed per response, or <see langword="null"/> to let the client derive them from <see cref="ChatOptions.Seed"/>.</param>
    public ChatBatchRequest(IEnumerable<ChatMessage> messages, int count, ChatOptions? options = null, IReadOnlyList<long>? seeds = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (seeds is not null && seeds.Count != count)
        {
            throw new ArgumentException($"{seeds.Count} seeds for {count} responses.", nameof(seeds));
        }

        Messages = messages.ToList();
        Count = count;
        Options = options;
        Seeds = seeds?.ToArray();
    }

    /// <summary>The conversation.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Responses to draw.</summary>
    public int Count { get; }

    /// <summary>Sampling settings shared by the responses.</summary>
    public ChatOptions? Options { get; }

    /// <summary>One seed per response, or <see langword="null"/>.</summary>
    public IReadOnlyList<long>? Seeds { get; }
}
