using WrongOverWrong.Elicitation;

namespace WrongOverWrong;

/// <summary>What one elicitation call produced and what it cost: usage belongs to the call, not to the elicitor.</summary>
/// <param name="Orders">One prediction per pair, in the order the pairs were given.</param>
/// <param name="Cost">What this call spent (model calls, tokens, unparsable replies).</param>
public sealed record ElicitationResult(IReadOnlyList<ElicitedOrder> Orders, ElicitationCost Cost);
