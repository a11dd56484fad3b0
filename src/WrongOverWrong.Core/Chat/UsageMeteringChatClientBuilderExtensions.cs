using WrongOverWrong.Chat;

// In the namespace of ChatClientBuilder, as Microsoft.Extensions.AI does for its own Use* extensions.
namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="UsageMeteringChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class UsageMeteringChatClientBuilderExtensions
{
    /// <summary>Counts every answered call of the pipeline below this point into <paramref name="meter"/>.</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="meter">Receives the counts.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseUsageMeter(this ChatClientBuilder builder, ChatUsageMeter meter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(meter);
        return builder.Use(inner => new UsageMeteringChatClient(inner, meter));
    }
}
