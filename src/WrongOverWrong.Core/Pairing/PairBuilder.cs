using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.Pairing;

/// <summary>
/// Forms the paper's candidate pairs from graded answer sets (phase 1, step 3): wrong-over-wrong
/// pairs (both wrong, proxies differ; the higher proxy is less wrong) and right-over-wrong pairs
/// (exactly one correct), then caps their number with a seeded sample.
/// </summary>
/// <remarks>
/// The authors cap pairs per (generator, dataset): call <see cref="Build"/> once per such group.
/// </remarks>
public sealed class PairBuilder
{
    private readonly PairingOptions _options;

    /// <summary>Creates a pair builder.</summary>
    /// <param name="options">Kinds, cap and seed; the paper's defaults when <see langword="null"/>.</param>
    public PairBuilder(PairingOptions? options = null)
    {
        _options = options ?? new PairingOptions();
        if (_options.MaxPairs is < 0)
        {
            throw new ArgumentException($"MaxPairs {_options.MaxPairs} must not be negative.", nameof(options));
        }
    }

    /// <summary>Forms, counts and caps the pairs of all answer sets.</summary>
    /// <param name="sets">Graded answer sets (see <c>AnswerSetGrader</c>).</param>
    public PairingResult Build(IEnumerable<GradedAnswerSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var pairs = new List<CandidatePair>();
        int questions = 0, candidates = 0, unparsableCandidates = 0;
        long seen = 0, wow = 0, row = 0, unparsable = 0, ties = 0, bothCorrect = 0, notRequested = 0;

        foreach (var set in sets)
        {
            questions++;
            var ordered = set.Candidates.OrderBy(c => c.Index).ToArray();
            candidates += ordered.Length;
            var usable = new bool[ordered.Length];
            for (var i = 0; i < ordered.Length; i++)
            {
                usable[i] = IsUsable(ordered[i]);
                if (!usable[i])
                {
                    unparsableCandidates++;
                }
            }

            for (var i = 0; i < ordered.Length; i++)
            {
                for (var j = i + 1; j < ordered.Length; j++)
                {
                    seen++;
                    if (!usable[i] || !usable[j])
                    {
                        unparsable++;
                        continue;
                    }

                    var (a, b) = (ordered[i].Grade, ordered[j].Grade);
                    if (a.IsCorrect && b.IsCorrect)
                    {
                        bothCorrect++;
                    }
                    else if (a.IsCorrect != b.IsCorrect)
                    {
                        if (_options.IncludeRightOverWrong)
                        {
                            row++;
                            pairs.Add(new CandidatePair(set, ordered[i], ordered[j], PairKind.RightOverWrong, a.IsCorrect ? PairWinner.First : PairWinner.Second));
                        }
                        else
                        {
                            notRequested++;
                        }
                    }
                    else if (Math.Abs(a.TrainingProxy - b.TrainingProxy) <= _options.TieTolerance)
                    {
                        ties++;
                    }
                    else if (_options.IncludeWrongOverWrong)
                    {
                        wow++;
                        pairs.Add(new CandidatePair(set, ordered[i], ordered[j], PairKind.WrongOverWrong, a.TrainingProxy > b.TrainingProxy ? PairWinner.First : PairWinner.Second));
                    }
                    else
                    {
                        notRequested++;
                    }
                }
            }
        }

        var kept = Cap(pairs);
        var report = new PairingReport
        {
            Questions = questions,
            Candidates = candidates,
            UnparsableCandidates = unparsableCandidates,
            CandidatePairsSeen = seen,
            WrongOverWrongFormed = wow,
            RightOverWrongFormed = row,
            DroppedUnparsable = unparsable,
            DroppedTies = ties,
            DroppedBothCorrect = bothCorrect,
            DroppedKindNotRequested = notRequested,
            DroppedByCap = pairs.Count - kept.Count,
            Kept = kept.Count,
        };
        return new PairingResult(kept, report);
    }

    /// <summary>
    /// Forms, counts and caps the pairs of a stream of answer sets (for example
    /// <c>AnswerSetJsonLines.ReadAsync</c> piped through a grader). Pairs keep their sets, so the
    /// sets that form pairs stay in memory.
    /// </summary>
    /// <param name="sets">Graded answer sets.</param>
    /// <param name="cancellationToken">Cancels reading the stream.</param>
    public async Task<PairingResult> BuildAsync(IAsyncEnumerable<GradedAnswerSet> sets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var list = new List<GradedAnswerSet>();
        await foreach (var set in sets.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(set);
        }

        return Build(list);
    }

    private static bool IsUsable(GradedCandidate candidate) =>
        candidate.Candidate.IsParsable && !double.IsNegativeInfinity(candidate.Grade.TrainingProxy) && !double.IsNaN(candidate.Grade.TrainingProxy);

    private List<CandidatePair> Cap(List<CandidatePair> pairs)
    {
        if (_options.MaxPairs is not { } max || pairs.Count <= max)
        {
            return pairs;
        }

        // Seeded partial Fisher-Yates over positions, then restore input order so output is stable.
        var rng = new Random(_options.Seed);
        var positions = OptionPermutation.Identity(pairs.Count);
        for (var i = 0; i < max; i++)
        {
            var j = i + rng.Next(positions.Length - i);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }

        Array.Sort(positions, 0, max);
        return positions.Take(max).Select(p => pairs[p]).ToList();
    }
}
