using WrongOverWrong.Chat;

namespace WrongOverWrong.Elicitation;

/// <summary>What one elicitation call of a judge spends: its model usage and its unreadable replies.</summary>
internal sealed class JudgeMeter
{
    private long _unparsable;
    private long _swapDisagreements;

    public ChatUsageMeter Usage { get; } = new();

    public void CountUnparsable() => Interlocked.Increment(ref _unparsable);

    public void CountSwapDisagreement() => Interlocked.Increment(ref _swapDisagreements);

    public ElicitationCost ToCost() => new(Usage.Calls, Usage.InputTokens, Usage.OutputTokens, Interlocked.Read(ref _unparsable))
    {
        SwapDisagreements = Interlocked.Read(ref _swapDisagreements),
    };
}
