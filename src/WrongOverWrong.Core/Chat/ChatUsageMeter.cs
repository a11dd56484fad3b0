using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>
/// Thread-safe running totals of model calls and the token usage the client reported. One meter per
/// run (or per stage) keeps the costs of concurrent runs apart; fill it with
/// <see cref="UsageMeteringChatClient"/> (<c>builder.UseUsageMeter(meter)</c>).
/// </summary>
public sealed class ChatUsageMeter
{
    private long _calls;
    private long _inputTokens;
    private long _outputTokens;
    private long _callsWithUsage;

    /// <summary>Calls answered.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Input tokens the client reported (calls without usage count 0).</summary>
    public long InputTokens => Interlocked.Read(ref _inputTokens);

    /// <summary>Output tokens the client reported (calls without usage count 0).</summary>
    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    /// <summary>Calls whose response carried usage; when lower than <see cref="Calls"/>, the token totals are a lower bound.</summary>
    public long CallsWithUsage => Interlocked.Read(ref _callsWithUsage);

    /// <summary>Counts one answered call and its usage.</summary>
    /// <param name="response">The response; its <see cref="ChatResponse.Usage"/> may be null.</param>
    public void Record(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Record(response.Usage);
    }

    /// <summary>Counts one answered call with <paramref name="usage"/> (null: the client reported none).</summary>
    /// <param name="usage">The call's usage, or null.</param>
    public void Record(UsageDetails? usage)
    {
        Interlocked.Increment(ref _calls);
        if (usage is not null)
        {
            Interlocked.Increment(ref _callsWithUsage);
            Interlocked.Add(ref _inputTokens, usage.InputTokenCount ?? 0);
            Interlocked.Add(ref _outputTokens, usage.OutputTokenCount ?? 0);
        }
    }
}
