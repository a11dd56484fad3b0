using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;

namespace WrongOverWrong.Elicitation;

/// <summary>
/// Sends judge prompts through the shared <see cref="ChatCaller"/>: greedy, bounded concurrency.
/// It keeps no totals: each elicitation call passes its own <see cref="JudgeMeter"/>.
/// </summary>
internal sealed class JudgeCaller
{
    private readonly ChatCaller _caller;
    private readonly JudgeOptions _options;

    public JudgeCaller(IChatClient client, JudgeOptions options)
    {
        _caller = new ChatCaller(client, options.MaxConcurrency);
        _options = options;
    }

    public async Task<string> AskAsync(string prompt, JudgeMeter meter, CancellationToken cancellationToken)
    {
        // Identical options every time, so a distributed cache in the judge's pipeline can hit.
        var options = new ChatOptions
        {
            Temperature = _options.Temperature,
            MaxOutputTokens = _options.MaxOutputTokens,
            ModelId = _options.ModelId,
        };
        var response = await _caller.GetResponseAsync([new(ChatRole.User, prompt)], options, meter.Usage, cancellationToken).ConfigureAwait(false);
        return response.Text;
    }
}
