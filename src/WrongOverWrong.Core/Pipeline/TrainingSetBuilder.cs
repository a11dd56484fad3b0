using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// Draws the paper's training sets (PAPER.md, "Phase 2"): oracle WoW, an elicitor's verdicts at a
/// margin, RoW, or the 50:50 mix; at most <see cref="ExperimentOptions.MaxTrainingPairs"/> pairs
/// (half from each side for the mix), sampled with the seed. Also the random-preference control
/// (the same pairs, each direction by a seeded coin flip).
/// </summary>
public sealed class TrainingSetBuilder
{
    private readonly ITaskOracle _task;
    private readonly int _maxPairs;
    private readonly int _seed;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="task">The task that built the prompts (for the exact prompt of each pair).</param>
    /// <param name="maxPairs">The cap per source (paper: 4,000).</param>
    /// <param name="seed">The seed of the draw (paper: 42).</param>
    public TrainingSetBuilder(ITaskOracle task, int maxPairs = 4000, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPairs, 2);
        _task = task;
        _maxPairs = maxPairs;
        _seed = seed;
    }

    /// <summary>Builds one source's set.</summary>
    /// <param name="source">The source.</param>
    /// <param name="wrongOverWrong">The wrong-over-wrong pairs (oracle order known).</param>
    /// <param name="rightOverWrong">The right-over-wrong pairs.</param>
    /// <param name="verdicts">Every elicitor's verdicts on <paramref name="wrongOverWrong"/>, by name.</param>
    /// <returns>The preferences drawn, the count the source could give, and the share that agrees with the oracle.</returns>
    /// <exception cref="ArgumentException">An elicitor the source names has no verdicts, or its margin needs score gaps it has not.</exception>
    public TrainingSet Build(TrainingSource source, IReadOnlyList<CandidatePair> wrongOverWrong, IReadOnlyList<CandidatePair> rightOverWrong, IReadOnlyDictionary<string, IReadOnlyList<PairVerdict>> verdicts)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(wrongOverWrong);
        ArgumentNullException.ThrowIfNull(rightOverWrong);
        ArgumentNullException.ThrowIfNull(verdicts);
        var name = source.Name;
        switch (source.Kind)
        {
            case TrainingSourceKind.OracleWrongOverWrong:
            {
                var all = Oracle(wrongOverWrong, name);
                return new TrainingSet(source, Draw(all, _maxPairs, name), all.Count, 1.0);
            }

            case TrainingSourceKind.RightOverWrong:
            {
                var all = Oracle(rightOverWrong, name);
                return new TrainingSet(source, Draw(all, _maxPairs, name), all.Count, 1.0);
            }

            case TrainingSourceKind.Mix:
            {
                var row = Oracle(rightOverWrong, name);
                var wow = Oracle(wrongOverWrong, name);
                var half = Math.Min(_maxPairs / 2, Math.Min(row.Count, wow.Count));
                var mixed = Draw(row, half, name + "/row").Concat(Draw(wow, half, name + "/wow")).ToList();
                return new TrainingSet(source, mixed, 2 * Math.Min(row.Count, wow.Count), 1.0);
            }

            default:
            {
                if (!verdicts.TryGetValue(source.Elicitor!, out var all))
                {
                    throw new ArgumentException($"Training source '{name}' names elicitor '{source.Elicitor}', which did not run; add it to the elicitors.", nameof(source));
                }

                var margin = MarginOf(source.Margin!);
                var kept = MarginFilter.Apply(all, margin)
                    ?? throw new ArgumentException($"Training source '{name}': elicitor '{source.Elicitor}' gives pairwise verdicts without score gaps, so only M_100 applies.", nameof(source));
                var preferences = new List<(Preference Preference, bool Agrees)>();
                foreach (var v in kept)
                {
                    if (PairPreferences.FromVerdict(_task, v) is { } p)
                    {
                        preferences.Add((p with { Method = name }, v.IsCorrect));
                    }
                }

                var drawn = Draw<(Preference Preference, bool Agrees)>(preferences, _maxPairs, name);
                var agreement = drawn.Count == 0 ? double.NaN : drawn.Count(x => x.Agrees) / (double)drawn.Count;
                return new TrainingSet(source, drawn.Select(x => x.Preference).ToList(), preferences.Count, agreement);
            }
        }
    }

    /// <summary>
    /// The random-preference control of a set: the same pairs, each direction decided by a coin flip
    /// seeded by the run's seed and the source's name.
    /// </summary>
    /// <param name="preferences">The real set.</param>
    /// <param name="sourceName">The source's name (seeds the coin).</param>
    public IReadOnlyList<Preference> RandomControl(IReadOnlyList<Preference> preferences, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var coin = new Random(_seed ^ RunNames.StableHash(sourceName + "/random"));
        return preferences
            .Select(p => coin.Next(2) == 0 ? p with { Method = sourceName + ".random" } : p with { Chosen = p.Rejected, Rejected = p.Chosen, Method = sourceName + ".random" })
            .ToList();
    }

    private static Margin MarginOf(string name) =>
        Margin.Paper.FirstOrDefault(m => m.Name == name)
        ?? (name.StartsWith("M_", StringComparison.Ordinal) && double.TryParse(name[2..], System.Globalization.CultureInfo.InvariantCulture, out var percent) ? new Margin(percent / 100, name) : throw new ArgumentException($"Unknown margin '{name}'; use M_100, M_50, M_10 or M_<percent>."));

    private List<(Preference, bool)> Oracle(IReadOnlyList<CandidatePair> pairs, string name) =>
        pairs.Select(p => PairPreferences.FromOracle(_task, p, name)).Where(p => p is not null).Select(p => (p!, true)).ToList();

    private List<Preference> Draw(List<(Preference P, bool A)> items, int count, string stream) =>
        Draw<(Preference P, bool A)>(items, count, stream).Select(x => x.P).ToList();

    // A seeded partial Fisher-Yates, then input order restored, so the set is stable and readable.
    private List<T> Draw<T>(List<T> items, int count, string stream)
    {
        if (items.Count <= count)
        {
            return items;
        }

        var rng = new Random(_seed ^ RunNames.StableHash(stream));
        var positions = Enumerable.Range(0, items.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + rng.Next(positions.Length - i);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }

        Array.Sort(positions, 0, count);
        return positions.Take(count).Select(p => items[p]).ToList();
    }
}
