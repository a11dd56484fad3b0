using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using WrongOverWrong.Chat;
using WrongOverWrong.MainJob.Cli;

namespace WrongOverWrong.MainJob.Endpoint;

/// <summary>Chat clients for an OpenAI-compatible endpoint, and a quick check that it answers.</summary>
public static class EndpointClients
{
    /// <summary>The generator: asks for per-token log-probabilities (for the logprob elicitor and the confidences).</summary>
    /// <param name="settings">The endpoint.</param>
    public static IChatClient CreateGenerator(EndpointSettings settings) =>
        new ChatClientBuilder(CreateOpenAIClient(settings, TimeSpan.FromMinutes(5), retries: 0))
            .UseLogProbabilityCapture()
            .Build();

    /// <summary>The judge (greedy; the judge elicitors set their own options).</summary>
    /// <param name="settings">The endpoint.</param>
    public static IChatClient CreateJudge(EndpointSettings settings) => CreateOpenAIClient(settings, TimeSpan.FromMinutes(5), retries: 0);

    /// <summary>
    /// Sends one tiny request with a short timeout and no retries, so an unreachable endpoint or a
    /// wrong model name or key shows as one line before any work starts; null when it answered.
    /// </summary>
    /// <param name="settings">The endpoint.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static async Task<string?> CheckAsync(EndpointSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = CreateOpenAIClient(settings, TimeSpan.FromSeconds(15), retries: 0);
        try
        {
            await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Reply with OK.")], new ChatOptions { MaxOutputTokens = 4, Temperature = 0 }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            var root = e;
            while (root.InnerException is not null)
            {
                root = root.InnerException;
            }

            return $"Cannot use the endpoint {settings.Url} (model '{settings.Model}'): {root.Message.ReplaceLineEndings(" ")} Check {EndpointSettings.UrlVariable}, {EndpointSettings.ModelVariable} and {EndpointSettings.KeyVariable} (or --endpoint, --endpoint-model, --api-key).";
        }
    }

    // ChatAnswerSource and the judges retry transient failures themselves; the OpenAI client's own
    // retries would multiply the attempts.
    private static IChatClient CreateOpenAIClient(EndpointSettings settings, TimeSpan timeout, int retries)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = settings.Url,
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: retries),
            NetworkTimeout = timeout,
        };
        return new OpenAI.Chat.ChatClient(settings.Model, new ApiKeyCredential(settings.ApiKey ?? "not-needed"), options).AsIChatClient();
    }
}
