using Microsoft.Extensions.AI;
using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Elicitation;

/// <summary>
/// The pairwise judge: an LLM sees the question (with its options for multiple choice) and two
/// fenced responses and names the more correct one on a final <c>Preferred output: N</c> line.
/// With the consistency check (default) it is asked again with the order swapped, and the pair is
/// kept only when both replies parse and pick the same underlying response.
/// </summary>
/// <remarks>
/// An unparsable reply or a failed check is an <see cref="PairPrediction.Abstained"/> verdict, counted in
/// the call's <see cref="ElicitationResult.Cost"/> (<see cref="ElicitationCost.UnparsableReplies"/>,
/// <see cref="ElicitationCost.SwapDisagreements"/>), never an exception; a call that fails (after the
/// retries of the client's pipeline, if any) does throw (so that a broken endpoint is not mistaken for a judge's abstention). Prompts are deterministic,
/// so a distributed cache in the judge client's pipeline replays earlier verdicts.
/// </remarks>
public sealed class PairwiseJudgeElicitor : IPreferenceElicitor
{
    private readonly PairwiseJudgeOptions _options;
    private readonly JudgeCaller _caller;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="judge">The judge's chat client (add a distributed cache to its pipeline to cache verdicts).</param>
    /// <param name="options">Settings (copied); defaults when <see langword="null"/>.</param>
    public PairwiseJudgeElicitor(IChatClient judge, PairwiseJudgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        _options = options?.Clone() ?? new PairwiseJudgeOptions();
        _options.ValidateCommon();
        _caller = new JudgeCaller(judge, _options);
    }

    /// <inheritdoc />
    public string Name => _options.Name ?? (_options.ConsistencyCheck ? "pairwise-judge" : "pairwise-judge-unchecked");

    /// <inheritdoc />
    public async Task<ElicitationResult> ElicitAsync(AnswerSet set, IReadOnlyList<UngradedPair> pairs, CancellationToken cancellationToken = default)
    {
        ScoreVerdicts.CheckPairs(set, pairs);
        var meter = new JudgeMeter();
        var orders = await Task.WhenAll(pairs.Select(p => JudgeAsync(set.Question, p, meter, cancellationToken))).ConfigureAwait(false);
        return new ElicitationResult(orders, meter.ToCost());
    }

    private async Task<ElicitedOrder> JudgeAsync(Question question, UngradedPair pair, JudgeMeter meter, CancellationToken cancellationToken)
    {
        var template = _options.PromptTemplate ?? JudgePromptTemplates.Pairwise;
        var forward = AskAsync(JudgePrompt.Build(template, question, [pair.First, pair.Second], _options.ShowOptions), meter, cancellationToken);
        if (!_options.ConsistencyCheck)
        {
            var single = await forward.ConfigureAwait(false);
            return new ElicitedOrder(single switch
            {
                1 => PairPrediction.First,
                2 => PairPrediction.Second,
                _ => PairPrediction.Abstained,
            });
        }

        var backward = AskAsync(JudgePrompt.Build(template, question, [pair.Second, pair.First], _options.ShowOptions), meter, cancellationToken);
        var (a, b) = (await forward.ConfigureAwait(false), await backward.ConfigureAwait(false));
        if (a is null || b is null)
        {
            return new ElicitedOrder(PairPrediction.Abstained);
        }

        // In the swapped prompt, "1" is the pair's second candidate.
        var forwardPicksFirst = a == 1;
        var backwardPicksFirst = b == 2;
        if (forwardPicksFirst != backwardPicksFirst)
        {
            meter.CountSwapDisagreement();
            return new ElicitedOrder(PairPrediction.Abstained);
        }

        return new ElicitedOrder(forwardPicksFirst ? PairPrediction.First : PairPrediction.Second);
    }

    private async Task<int?> AskAsync(string prompt, JudgeMeter meter, CancellationToken cancellationToken)
    {
        var reply = await _caller.AskAsync(prompt, cancellationToken: cancellationToken, meter: meter).ConfigureAwait(false);
        var verdict = JudgeVerdictParser.ParsePairwise(reply);
        if (verdict is null)
        {
            meter.CountUnparsable();
        }

        return verdict;
    }
}
