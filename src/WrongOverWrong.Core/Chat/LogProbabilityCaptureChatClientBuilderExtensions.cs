using WrongOverWrong.Chat;

// In the namespace of ChatClientBuilder, as Microsoft.Extensions.AI does for its own Use* extensions.
namespace Microsoft.Extensions.AI;

/// <summary>Adds a <see cref="LogProbabilityCaptureChatClient"/> to a chat client pipeline.</summary>
public static class LogProbabilityCaptureChatClientBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="LogProbabilityCaptureChatClient"/> as the next stage of the pipeline. Call it
    /// after <c>UseDistributedCache</c> so that it sits inside the cache.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="configure">Optional configuration of the new client.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseLogProbabilityCapture(this ChatClientBuilder builder, Action<LogProbabilityCaptureChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner =>
        {
            var client = new LogProbabilityCaptureChatClient(inner);
            configure?.Invoke(client);
            return client;
        });
    }
}
