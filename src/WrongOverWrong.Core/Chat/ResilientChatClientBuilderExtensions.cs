using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using WrongOverWrong.Chat;

// In the namespace of ChatClientBuilder, as Microsoft.Extensions.AI does for its own Use* extensions.
namespace Microsoft.Extensions.AI;

/// <summary>Adds a <see cref="ResilientChatClient"/> to a chat client pipeline.</summary>
public static class ResilientChatClientBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="ResilientChatClient"/> that retries transient failures as the next stage of
    /// the pipeline. Each retry is logged as a warning when the pipeline's services hold an
    /// <see cref="ILoggerFactory"/>.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The retry policy (copied); defaults when <see langword="null"/>.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseResilience(this ChatClientBuilder builder, RetryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var policy = options?.Clone() ?? new RetryOptions();
        return builder.Use((inner, services) =>
        {
            var copy = policy.Clone();
            if (services.GetService<ILoggerFactory>()?.CreateLogger<ResilientChatClient>() is { } logger)
            {
                var userCallback = copy.OnRetry;
                copy.OnRetry = (attempt, ex, delay) =>
                {
                    logger.LogWarning(ex, "Transient failure of a model call; retry {Attempt} in {Delay}.", attempt, delay);
                    userCallback?.Invoke(attempt, ex, delay);
                };
            }

            return new ResilientChatClient(inner, copy);
        });
    }

    /// <summary>Adds a <see cref="ResilientChatClient"/> over a Polly pipeline of your own as the next stage of the pipeline.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="pipeline">The Polly pipeline every call runs through.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseResilience(this ChatClientBuilder builder, ResiliencePipeline<ChatResponse> pipeline)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(pipeline);
        return builder.Use(inner => new ResilientChatClient(inner, pipeline));
    }
}
