using System.Diagnostics;
using WrongOverWrong.ElicitorComparison.Input;
using WrongOverWrong.Harness;
using WrongOverWrong.Pairing;

namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>
/// Runs every elicitor over the same wrong-over-wrong pairs of a dataset with the library's
/// <see cref="ElicitationHarness"/> (margins, Acc_WoW, bootstrap CIs, ties, abstentions, cost), one
/// elicitor at a time so each gets its own wall time, then adds what the harness does not: pairwise
/// agreement between the elicitors and each one's gap correlation with the oracle.
/// </summary>
public sealed class ElicitorComparisonRunner
{
    private readonly ElicitorComparisonOptions _options;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">Settings; the defaults when null.</param>
    public ElicitorComparisonRunner(ElicitorComparisonOptions? options = null)
    {
        _options = options ?? new ElicitorComparisonOptions();
    }

    /// <summary>Compares <paramref name="elicitors"/> on <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The graded answer sets.</param>
    /// <param name="elicitors">The methods; names must be unique.</param>
    /// <param name="progress">Receives the harness's progress; optional.</param>
    /// <param name="cancellationToken">Cancels the comparison.</param>
    public async Task<DatasetComparison> CompareAsync(ComparisonDataset dataset, IReadOnlyList<IPreferenceElicitor> elicitors, IProgress<ComparisonProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(elicitors);

        // The pipeline's own pairing: both answers wrong, proxies differ, capped with the seed.
        var pairing = new PairBuilder(new PairingOptions
        {
            IncludeWrongOverWrong = true,
            IncludeRightOverWrong = false,
            MaxPairs = _options.MaxPairs,
            Seed = _options.Seed,
        }).Build(dataset.Sets);
        var pairs = pairing.Pairs;
        var harness = new ElicitationHarness(new ElicitationHarnessOptions
        {
            BootstrapResamples = _options.BootstrapResamples,
            Seed = _options.Seed,
            MaxParallelQuestions = _options.MaxParallelQuestions,
        });
        var generator = string.Join("+", dataset.Sets.SelectMany(s => s.Candidates).Select(c => c.Candidate.Generator).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).DefaultIfEmpty("unknown"));
        var forward = progress is null ? null : new Forward(dataset.Name, progress);

        var outcomes = new List<ElicitorOutcome>();
        var verdicts = new List<(string Name, IReadOnlyList<PairVerdict> Verdicts)>();
        foreach (var elicitor in elicitors)
        {
            var clock = Stopwatch.StartNew();
            IReadOnlyList<ElicitationReport> reports = [];
            IReadOnlyList<PairVerdict> elicited = [];
            if (pairs.Count > 0)
            {
                var run = await harness.RunAsync(generator, pairs, [elicitor], forward, cancellationToken).ConfigureAwait(false);
                reports = run.Reports;
                elicited = run.Verdicts[elicitor.Name];
            }

            clock.Stop();
            var first = reports.Count > 0 ? reports[0] : null;
            outcomes.Add(new ElicitorOutcome(
                elicitor.Name,
                clock.Elapsed.TotalSeconds,
                first?.Calls ?? 0,
                (first?.InputTokens ?? 0) + (first?.OutputTokens ?? 0),
                reports.Select(MarginRow.From).ToList(),
                GapCorrelation.Of(elicited)));
            verdicts.Add((elicitor.Name, elicited));
        }

        var agreement = new List<PairAgreement>();
        foreach (var (a, va) in verdicts)
        {
            foreach (var (b, vb) in verdicts)
            {
                agreement.Add(PairAgreement.Of(a, va, b, vb));
            }
        }

        return new DatasetComparison(
            dataset.Name,
            dataset.Source,
            pairing.Report.Questions,
            pairing.Report.Candidates,
            pairing.Report.UnparsableCandidates,
            pairs.Count,
            outcomes,
            agreement);
    }

    private sealed class Forward(string dataset, IProgress<ComparisonProgress> inner) : IProgress<ElicitationProgress>
    {
        public void Report(ElicitationProgress value) => inner.Report(new ComparisonProgress(dataset, value));
    }
}
