using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WrongOverWrong.Chat;

namespace WrongOverWrong.Elicitation;

/// <summary>Sends judge prompts: greedy, bounded concurrency, retries, usage metering.</summary>
// The semaphore is never disposed: it exposes no wait handle, so there is nothing to release.
internal sealed class JudgeCaller
{
    private readonly IChatClient _client;
    private readonly JudgeOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ChatUsageMeter _usage = new();
    private long _unparsable;

    public JudgeCaller(IChatClient client, JudgeOptions options, ILogger logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
        _slots = new SemaphoreSlim(options.MaxConcurrency);
    }

    public ElicitationCost Cost => new(_usage.Calls, _usage.InputTokens, _usage.OutputTokens, Interlocked.Read(ref _unparsable));

    public void CountUnparsable() => Interlocked.Increment(ref _unparsable);

    public async Task<string> AskAsync(string prompt, CancellationToken cancellationToken)
    {
        // Identical options every time, so a distributed cache in the judge's pipeline can hit.
        var options = new ChatOptions
        {
            Temperature = _options.Temperature,
            MaxOutputTokens = _options.MaxOutputTokens,
            ModelId = _options.ModelId,
        };
        List<ChatMessage> messages = [new(ChatRole.User, prompt)];
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await RetryExecutor.ExecuteAsync(
                _options.Retry,
                ct => _client.GetResponseAsync(messages, options, ct),
                (attempt, ex, delay) => _logger.LogWarning(ex, "Transient failure of a judge call; retry {Attempt} in {Delay}.", attempt, delay),
                cancellationToken).ConfigureAwait(false);
            _usage.Record(response);
            return response.Text;
        }
        finally
        {
            _slots.Release();
        }
    }
}
