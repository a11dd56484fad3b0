using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>Adds a <see cref="RetryingChatClient"/> to a chat client pipeline.</summary>
public static class RetryingChatClientBuilderExtensions
{
    /// <summary>Adds a <see cref="RetryingChatClient"/> as the next stage of the pipeline.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The retry policy; defaults when <see langword="null"/>.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseRetries(this ChatClientBuilder builder, RetryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new RetryingChatClient(inner, options));
    }
}
