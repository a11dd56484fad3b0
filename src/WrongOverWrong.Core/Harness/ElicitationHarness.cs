using WrongOverWrong.Elicitation;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Harness;

/// <summary>
/// Runs phase 1's comparison: every elicitor over the same graded pairs, then margins, Acc_WoW
/// with bootstrap intervals, ties, abstentions and cost per kept pair, one
/// <see cref="ElicitationReport"/> per (generator, elicitor, margin).
/// </summary>
/// <example>
/// <code>
/// var harness = new ElicitationHarness();
/// var run = await harness.RunAsync("llama-3-8b", pairs, [new LengthElicitor(), new ScoreJudgeElicitor(judge)]);
/// Console.Write(ElicitationReports.FormatTable(run.Reports));
/// </code>
/// </example>
public sealed class ElicitationHarness
{
    private readonly ElicitationHarnessOptions _options;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">Settings (copied); defaults when <see langword="null"/>.</param>
    public ElicitationHarness(ElicitationHarnessOptions? options = null)
    {
        _options = options?.Clone() ?? new ElicitationHarnessOptions();
        if (_options.MaxParallelQuestions < 1)
        {
            throw new ArgumentException($"MaxParallelQuestions must be at least 1 (was {_options.MaxParallelQuestions}).", nameof(options));
        }

        if (_options.Confidence is <= 0 or >= 1)
        {
            throw new ArgumentException($"Confidence must be in (0, 1) (was {_options.Confidence}).", nameof(options));
        }
    }

    /// <summary>
    /// Elicits every pair with every elicitor (one elicitor after another, questions in parallel)
    /// and summarises the verdicts.
    /// </summary>
    /// <param name="generator">The generator label of the reports (the model, or <c>mix</c>).</param>
    /// <param name="pairs">
    /// Graded wrong-over-wrong pairs (for example from the pair builder); each carries its graded
    /// answer set, and all pairs of one question must carry the same <see cref="GradedAnswerSet"/>
    /// instance (the elicitor sees that set, without grades). Right-over-wrong pairs are rejected: Acc_WoW is defined over
    /// wrong-over-wrong pairs only, so pass them to a separate evaluation.
    /// </param>
    /// <param name="elicitors">The methods to compare; names must be unique.</param>
    /// <param name="progress">Receives a report after each question; optional.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<ElicitationRun> RunAsync(string generator, IReadOnlyList<CandidatePair> pairs, IEnumerable<IPreferenceElicitor> elicitors, IProgress<ElicitationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generator);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(elicitors);
        var methods = elicitors.ToList();
        var duplicate = methods.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two elicitors are named '{duplicate.Key}'; give one a different name.", nameof(elicitors));
        }

        CheckWrongOverWrong(pairs, nameof(pairs));

        // Questions keep their first-seen order; each pair remembers its input position.
        var groups = pairs
            .Select((pair, position) => (pair, position))
            .GroupBy(x => x.pair.Set.Question.Id, StringComparer.Ordinal)
            .Select(g => (Set: g.First().pair.Set, Items: g.ToList()))
            .ToList();

        // The elicitor gets one set per question (consistency counts over it, the score judge
        // batches its candidates): pairs of one id from two different sets would be judged against
        // the wrong set, so they are refused rather than merged.
        foreach (var (set, items) in groups)
        {
            var stranger = items.FirstOrDefault(x => !ReferenceEquals(x.pair.Set, set));
            if (stranger.pair is not null)
            {
                throw new ArgumentException($"Pairs {items[0].position} and {stranger.position} both belong to question '{set.Question.Id}' but carry different answer sets; all pairs of one question must share one GradedAnswerSet instance.", nameof(pairs));
            }
        }

        var reports = new List<ElicitationReport>();
        var allVerdicts = new Dictionary<string, IReadOnlyList<PairVerdict>>(StringComparer.Ordinal);
        foreach (var elicitor in methods)
        {
            var verdicts = new PairVerdict[pairs.Count];
            var done = 0;
            var cost = ElicitationCost.Zero;
            var costLock = new object();
            await Parallel.ForEachAsync(
                groups,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelQuestions, CancellationToken = cancellationToken },
                async (group, ct) =>
                {
                    // The elicitor sees the set and the pairs without grades or gold order.
                    var groupPairs = group.Items.Select(x => x.pair).ToList();
                    var result = await elicitor.ElicitAsync(group.Set.ToAnswerSet(), groupPairs.ConvertAll(p => p.ToUngraded()), ct).ConfigureAwait(false);
                    if (result.Orders.Count != groupPairs.Count)
                    {
                        throw new InvalidOperationException($"Elicitor '{elicitor.Name}' returned {result.Orders.Count} predictions for {groupPairs.Count} pairs of question '{group.Set.Question.Id}'.");
                    }

                    for (var i = 0; i < result.Orders.Count; i++)
                    {
                        var order = result.Orders[i];
                        verdicts[group.Items[i].position] = new PairVerdict(groupPairs[i], elicitor.Name, order.Predicted, order.FirstScore, order.SecondScore);
                    }

                    ElicitationCost spent;
                    lock (costLock)
                    {
                        cost += result.Cost;
                        spent = cost;
                    }

                    var finished = Interlocked.Increment(ref done);
                    progress?.Report(new ElicitationProgress(elicitor.Name, finished, groups.Count, spent.Calls, spent.InputTokens, spent.OutputTokens));
                }).ConfigureAwait(false);

            allVerdicts[elicitor.Name] = verdicts;
            reports.AddRange(Summarize(generator, elicitor.Name, verdicts, cost));
        }

        return new ElicitationRun(reports, allVerdicts);
    }

    /// <summary>
    /// Reports for verdicts already in hand: one per configured margin. Margins below 100% rank
    /// pairs by score gap, which pairwise methods do not have: their M_50 / M_10 rows are still
    /// emitted, marked <see cref="ElicitationReport.Applicable"/> = <see langword="false"/> with a
    /// reason (printed as <c>n/a</c>), so the table shows the method was not left out by accident.
    /// </summary>
    /// <param name="generator">The generator label.</param>
    /// <param name="elicitor">The elicitor's name.</param>
    /// <param name="verdicts">All its verdicts over the question set.</param>
    /// <param name="cost">What producing them cost (shared by the margins).</param>
    public IReadOnlyList<ElicitationReport> Summarize(string generator, string elicitor, IReadOnlyList<PairVerdict> verdicts, ElicitationCost cost)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(cost);
        CheckWrongOverWrong(verdicts.Select(v => v.Pair).ToList(), nameof(verdicts));
        verdicts = CanonicalPairOrder.Sort(verdicts);
        var reports = new List<ElicitationReport>();
        var scored = verdicts.Select(v => v.ToScoredPair()).ToArray();

        // Bootstrap over questions: pairs of one question share candidates and are not independent.
        var byQuestion = verdicts
            .Select((v, i) => (Question: v.Pair.Set.Question.Id, Pair: scored[i]))
            .GroupBy(x => x.Question, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<ScoredPair>)g.Select(x => x.Pair).ToList())
            .ToList();
        var bootstrap = new BootstrapOptions { Resamples = Math.Max(1, _options.BootstrapResamples), Level = _options.Confidence, Seed = _options.Seed };
        var abstentions = verdicts.Count(v => v.Predicted == PairPrediction.Abstained);
        foreach (var margin in _options.Margins)
        {
            if (!margin.KeepsAll && scored.Any(p => p.Predicted != PairPrediction.Abstained && p.Gap is null))
            {
                reports.Add(new ElicitationReport
                {
                    Generator = generator,
                    Elicitor = elicitor,
                    Margin = margin.Name,
                    Applicable = false,
                    NotApplicableReason = "pairwise verdicts have no score gap to rank pairs by",
                    Pairs = verdicts.Count,
                    Abstentions = abstentions,
                    KeptPairs = 0,
                    Ties = 0,
                    Correct = 0,
                    AccWow = double.NaN,
                    CiLower = double.NaN,
                    CiUpper = double.NaN,
                    Confidence = _options.Confidence,
                    AccWowExcludingTies = double.NaN,
                    Calls = cost.Calls,
                    InputTokens = cost.InputTokens,
                    OutputTokens = cost.OutputTokens,
                    UnparsableReplies = cost.UnparsableReplies,
                });
                continue;
            }

            var accOptions = new AccWoWOptions { Margin = margin };
            var result = scored.Length == 0 ? null : AccWoW.Compute(scored, accOptions);
            var interval = result is { Kept: > 0 } && _options.BootstrapResamples > 0
                ? Bootstrap.AccWoW(byQuestion, accOptions, bootstrap)
                : null;
            reports.Add(new ElicitationReport
            {
                Generator = generator,
                Elicitor = elicitor,
                Margin = margin.Name,
                Pairs = verdicts.Count,
                Abstentions = abstentions,
                KeptPairs = result?.Kept ?? 0,
                Ties = result?.Ties ?? 0,
                Correct = result?.Correct ?? 0,
                AccWow = result?.Accuracy ?? double.NaN,
                CiLower = interval?.Lower ?? double.NaN,
                CiUpper = interval?.Upper ?? double.NaN,
                Confidence = _options.Confidence,
                // The tie policy changes only the denominator: no second pass over the pairs.
                AccWowExcludingTies = result is null || result.Kept == result.Ties ? double.NaN : (double)result.Correct / (result.Kept - result.Ties),
                Calls = cost.Calls,
                InputTokens = cost.InputTokens,
                OutputTokens = cost.OutputTokens,
                UnparsableReplies = cost.UnparsableReplies,
            });
        }

        return reports;
    }

    private static void CheckWrongOverWrong(IReadOnlyList<CandidatePair> pairs, string argument)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Kind != PairKind.WrongOverWrong)
            {
                var count = pairs.Count(p => p.Kind != PairKind.WrongOverWrong);
                throw new ArgumentException($"{count} of {pairs.Count} pairs are {pairs[i].Kind} (first at position {i}, question '{pairs[i].Set.Question.Id}'); Acc_WoW is measured on wrong-over-wrong pairs only, so leave the others out.", argument);
            }
        }
    }
}
