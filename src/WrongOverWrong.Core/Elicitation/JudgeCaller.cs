using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;

namespace WrongOverWrong.Elicitation;

/// <summary>Sends judge prompts through the shared <see cref="ChatCaller"/>: greedy, bounded concurrency, usage metering.</summary>
internal sealed class JudgeCaller
{
    private readonly ChatCaller _caller;
    private readonly JudgeOptions _options;
    private readonly ChatUsageMeter _usage = new();
    private long _unparsable;

    public JudgeCaller(IChatClient client, JudgeOptions options)
    {
        _caller = new ChatCaller(client, options.MaxConcurrency);
        _options = options;
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
        var response = await _caller.GetResponseAsync([new(ChatRole.User, prompt)], options, _usage, cancellationToken).ConfigureAwait(false);
        return response.Text;
    }
}
