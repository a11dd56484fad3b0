using Microsoft.Extensions.AI;

namespace WrongOverWrong.Chat;

/// <summary>Thread-safe running totals of model calls and the token usage clients reported.</summary>
internal sealed class ChatUsageMeter
{
    private long _calls;
    private long _inputTokens;
    private long _outputTokens;
    private long _callsWithUsage;

    public long Calls => Interlocked.Read(ref _calls);

    public long InputTokens => Interlocked.Read(ref _inputTokens);

    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    public long CallsWithUsage => Interlocked.Read(ref _callsWithUsage);

    public void Record(ChatResponse response)
    {
        Interlocked.Increment(ref _calls);
        if (response.Usage is { } usage)
        {
            Interlocked.Increment(ref _callsWithUsage);
            Interlocked.Add(ref _inputTokens, usage.InputTokenCount ?? 0);
            Interlocked.Add(ref _outputTokens, usage.OutputTokenCount ?? 0);
        }
    }
}
