namespace WrongOverWrong.Elicitation;

/// <summary>What an elicitation call spent: model calls, the tokens clients reported, and judge replies that could not be read.</summary>
/// <param name="Calls">Model calls made (retries not counted; cache hits counted, since the elicitor cannot see them).</param>
/// <param name="InputTokens">Input tokens reported in <see cref="Microsoft.Extensions.AI.ChatResponse.Usage"/> (0 when clients report none).</param>
/// <param name="OutputTokens">Output tokens reported in <see cref="Microsoft.Extensions.AI.ChatResponse.Usage"/>.</param>
/// <param name="UnparsableReplies">Judge replies without a readable verdict (each made its pairs abstain).</param>
public sealed record ElicitationCost(long Calls, long InputTokens, long OutputTokens, long UnparsableReplies)
{
    /// <summary>Nothing spent (heuristic elicitors).</summary>
    public static ElicitationCost Zero { get; } = new(0, 0, 0, 0);

    /// <summary>
    /// Pairs a judge with the consistency check abstained on because its two replies both parsed but
    /// picked different underlying responses (0 for every other elicitor).
    /// </summary>
    public long SwapDisagreements { get; init; }

    /// <summary>The sum of two costs.</summary>
    /// <param name="a">One cost.</param>
    /// <param name="b">The other cost.</param>
    public static ElicitationCost operator +(ElicitationCost a, ElicitationCost b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Calls + b.Calls, a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens, a.UnparsableReplies + b.UnparsableReplies)
        {
            SwapDisagreements = a.SwapDisagreements + b.SwapDisagreements,
        };
    }
}
