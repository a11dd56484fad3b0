using Microsoft.Extensions.AI;
using WrongOverWrong.Sources;

namespace WrongOverWrong.Elicitation;

/// <summary>
/// The score judge: an LLM grades k responses of one question in one prompt on an integer 0-5
/// correctness scale, one <c>Score: n</c> line per response; the higher score is less wrong, and
/// the score gap |s1 - s2| ranks pairs for the margin filters.
/// </summary>
/// <remarks>
/// Only the candidates that appear in the given pairs are judged (a candidate in no pair would cost
/// tokens and change nothing); they are cut into batches of k (sample order, or a seeded shuffle),
/// and a pair takes its two scores from the batches of its candidates, so its two candidates may be
/// scored in different prompts. The paper's k is this batch size; when the number of judged
/// candidates is not a multiple of k, the last batch of a question is smaller than k (for example
/// 7 candidates with k = 5 give batches of 5 and 2), and its reply must then hold exactly as many
/// scores as that batch has responses (the prompt says how many). When a reply's
/// score count differs from the batch size the whole batch is null (as in the paper) and every pair
/// touching it abstains; null batches are counted as unparsable replies in the call's
/// <see cref="ElicitationResult.Cost"/>. A call that fails (after the
/// retries of the judge client's pipeline, if it has a <see cref="Chat.ResilientChatClient"/>) throws, so that a broken endpoint is not mistaken for a null batch.
/// </remarks>
public sealed class ScoreJudgeElicitor : IPreferenceElicitor
{
    private readonly ScoreJudgeOptions _options;
    private readonly JudgeCaller _caller;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="judge">The judge's chat client (add a distributed cache to its pipeline to cache scores).</param>
    /// <param name="options">Settings (copied); defaults when <see langword="null"/>.</param>
    public ScoreJudgeElicitor(IChatClient judge, ScoreJudgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        _options = options?.Clone() ?? new ScoreJudgeOptions();
        _options.ValidateCommon();
        if (_options.BatchSize < 1)
        {
            throw new ArgumentException($"BatchSize must be at least 1 (was {_options.BatchSize}).", nameof(options));
        }

        _caller = new JudgeCaller(judge, _options);
    }

    /// <inheritdoc />
    public string Name => _options.Name ?? $"score-judge-k{_options.BatchSize}";

    /// <inheritdoc />
    public async Task<ElicitationResult> ElicitAsync(AnswerSet set, IReadOnlyList<UngradedPair> pairs, CancellationToken cancellationToken = default)
    {
        ScoreVerdicts.CheckPairs(set, pairs);
        var meter = new JudgeMeter();
        var judged = pairs
            .SelectMany(p => new[] { p.First, p.Second })
            .DistinctBy(c => c.Index)
            .OrderBy(c => c.Index)
            .ToArray();
        if (_options.ShuffleSeed is { } seed)
        {
            new Random(SampleSeeds.StableSeed(seed, set.Question.Id, 0)).Shuffle(judged);
        }

        var batches = judged.Chunk(_options.BatchSize).ToList();
        var template = _options.PromptTemplate ?? JudgePromptTemplates.Score;
        var results = await Task.WhenAll(batches.Select(async batch =>
        {
            var reply = await _caller.AskAsync(JudgePrompt.Build(template, set.Question, batch, _options.ShowOptions), meter, cancellationToken).ConfigureAwait(false);
            var scores = JudgeVerdictParser.ParseScores(reply, batch.Length);
            if (scores is null)
            {
                meter.CountUnparsable();
            }

            return (batch, scores);
        })).ConfigureAwait(false);

        var byIndex = new Dictionary<int, double>();
        foreach (var (batch, scores) in results)
        {
            if (scores is null)
            {
                continue;
            }

            for (var i = 0; i < batch.Length; i++)
            {
                byIndex[batch[i].Index] = scores[i];
            }
        }

        double? Score(Candidate c) => byIndex.TryGetValue(c.Index, out var s) ? s : null;
        var orders = pairs.Select(p => ScoreVerdicts.FromScores(set.Question, p, Name, Score(p.First), Score(p.Second))).ToList();
        return new ElicitationResult(orders, meter.ToCost());
    }
}
