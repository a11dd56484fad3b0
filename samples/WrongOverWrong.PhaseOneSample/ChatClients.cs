using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using WrongOverWrong.Chat;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>Builds the generator and judge clients for an OpenAI-compatible endpoint.</summary>
internal static class ChatClients
{
    /// <summary>
    /// The generator asks for per-token log-probabilities (for the log-prob elicitor); servers that
    /// do not return them still answer, and the run reports how many candidates had them.
    /// The meter (outermost) counts the calls and tokens for the progress bar and the summary.
    /// </summary>
    public static IChatClient CreateGenerator(SampleOptions options, ChatUsageMeter meter) =>
        new ChatClientBuilder(CreateOpenAIClient(options, options.Model))
            .UseUsageMeter(meter)
            .UseLogProbabilityCapture()
            .UseResilience()
            .Build();

    /// <summary>
    /// The judge needs no log-probabilities. Its replies are cached on disk in the output folder
    /// (judges decode greedily, and their prompts are deterministic), so a rerun does not pay for
    /// verdicts again. The folder is per judge model: the cache key does not hold the model. The
    /// meter sits outside the cache, so replayed replies count as calls, as they do in the table.
    /// </summary>
    public static IChatClient CreateJudge(SampleOptions options, ChatUsageMeter meter) =>
        new ChatClientBuilder(CreateOpenAIClient(options, options.JudgeModel))
            .UseUsageMeter(meter)
            .UseDistributedCache(new FileDistributedCache(JudgeCacheFolder(options)))
            .UseResilience()
            .Build();

    public static string JudgeCacheFolder(SampleOptions options) =>
        Path.Combine(options.OutputFolder, "judge-cache", string.Concat(options.JudgeModel.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')));

    // Retries happen in one place: the UseResilience() stage of each pipeline (inside the judge's
    // cache, so cache hits never wait), which honours the server's Retry-After. The OpenAI client's
    // own retry policy is turned off so that the attempts do not multiply.
    private static IChatClient CreateOpenAIClient(SampleOptions options, string model)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(5),
        };
        return new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(options.ApiKey), clientOptions).AsIChatClient();
    }
}
