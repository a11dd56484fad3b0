using Microsoft.Extensions.AI;
using WrongOverWrong.Metrics;

namespace WrongOverWrong.Elicitation;

/// <summary>
/// The pairwise judge: an LLM sees the question (with its options for multiple choice) and two
/// fenced responses and names the more correct one on a final <c>Preferred output: N</c> line.
/// With the consistency check (default) it is asked again with the order swapped, and the pair is
/// kept only when both replies parse and pick the same underlying response.
/// </summary>
/// <remarks>
/// An unparsable reply or a failed check is an <see cref="PairPrediction.Abstained"/> verdict, counted in
/// <see cref="Cost"/> and <see cref="SwapDisagreements"/>, never an exception; a call that fails (after the
/// retries of the client's pipeline, if any) does throw (so that a broken endpoint is not mistaken for a judge's abstention). Prompts are deterministic,
/// so a distributed cache in the judge client's pipeline replays earlier verdicts.
/// </remarks>
public sealed class PairwiseJudgeElicitor : IPreferenceElicitor, IReportsElicitationCost
{
    private readonly PairwiseJudgeOptions _options;
    private readonly JudgeCaller _caller;
    private long _swapDisagreements;

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
    public ElicitationCost Cost => _caller.Cost;

    /// <summary>Pairs whose two replies both parsed but picked different underlying responses (abstained).</summary>
    public long SwapDisagreements => Interlocked.Read(ref _swapDisagreements);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PairVerdict>> ElicitAsync(AnswerSet set, IReadOnlyList<CandidatePair> pairs, CancellationToken cancellationToken = default)
    {
        ScoreVerdicts.CheckPairs(set, pairs);
        var verdicts = await Task.WhenAll(pairs.Select(p => JudgeAsync(set.Question, p, cancellationToken))).ConfigureAwait(false);
        return verdicts;
    }

    private async Task<PairVerdict> JudgeAsync(Question question, CandidatePair pair, CancellationToken cancellationToken)
    {
        var template = _options.PromptTemplate ?? JudgePromptTemplates.Pairwise;
        var forward = AskAsync(JudgePrompt.Build(template, question, [pair.First, pair.Second], _options.ShowOptions), cancellationToken);
        if (!_options.ConsistencyCheck)
        {
            var single = await forward.ConfigureAwait(false);
            return new PairVerdict(pair, Name, single switch
            {
                1 => PairPrediction.First,
                2 => PairPrediction.Second,
                _ => PairPrediction.Abstained,
            });
        }

        var backward = AskAsync(JudgePrompt.Build(template, question, [pair.Second, pair.First], _options.ShowOptions), cancellationToken);
        var (a, b) = (await forward.ConfigureAwait(false), await backward.ConfigureAwait(false));
        if (a is null || b is null)
        {
            return new PairVerdict(pair, Name, PairPrediction.Abstained);
        }

        // In the swapped prompt, "1" is the pair's second candidate.
        var forwardPicksFirst = a == 1;
        var backwardPicksFirst = b == 2;
        if (forwardPicksFirst != backwardPicksFirst)
        {
            Interlocked.Increment(ref _swapDisagreements);
            return new PairVerdict(pair, Name, PairPrediction.Abstained);
        }

        return new PairVerdict(pair, Name, forwardPicksFirst ? PairPrediction.First : PairPrediction.Second);
    }

    private async Task<int?> AskAsync(string prompt, CancellationToken cancellationToken)
    {
        var reply = await _caller.AskAsync(prompt, cancellationToken).ConfigureAwait(false);
        var verdict = JudgeVerdictParser.ParsePairwise(reply);
        if (verdict is null)
        {
            _caller.CountUnparsable();
        }

        return verdict;
    }
}
