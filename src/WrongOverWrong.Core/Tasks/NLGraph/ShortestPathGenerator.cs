using System.Globalization;
using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>
/// Generates NLGraph-style shortest-path questions with gold answers: undirected connected graphs
/// with random weights, written in NLGraph's exact text so they parse like the real benchmark.
/// Seedable, for training data and offline tests.
/// </summary>
public sealed class ShortestPathGenerator
{
    private const int MaxAttempts = 1000;
    private readonly ShortestPathGeneratorOptions _options;

    /// <summary>Creates a generator.</summary>
    /// <param name="options">Graph sizes, weights and seed; <see cref="ShortestPathGeneratorOptions.Easy"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public ShortestPathGenerator(ShortestPathGeneratorOptions? options = null)
    {
        _options = options ?? new ShortestPathGeneratorOptions();
        if (_options.MinNodes < 2 || _options.MaxNodes < _options.MinNodes)
        {
            throw new ArgumentException($"Node range [{_options.MinNodes}, {_options.MaxNodes}] must have MinNodes >= 2 and MaxNodes >= MinNodes.", nameof(options));
        }

        if (_options.MinWeight < 0 || _options.MaxWeight < _options.MinWeight)
        {
            throw new ArgumentException($"Weight range [{_options.MinWeight}, {_options.MaxWeight}] must be non-negative and ordered.", nameof(options));
        }

        if (_options.ExtraEdgeProbability is < 0 or > 1)
        {
            throw new ArgumentException($"ExtraEdgeProbability {_options.ExtraEdgeProbability} must be in [0, 1].", nameof(options));
        }

        if (_options.MinPathEdges < 1 || _options.MinPathEdges >= _options.MaxNodes)
        {
            throw new ArgumentException($"MinPathEdges {_options.MinPathEdges} must be in [1, MaxNodes - 1].", nameof(options));
        }
    }

    /// <summary>Generates <paramref name="count"/> questions; the same options give the same questions.</summary>
    /// <param name="count">Number of questions.</param>
    public IEnumerable<Question> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var rng = new Random(_options.Seed);
        for (var i = 0; i < count; i++)
        {
            yield return Next(rng, i);
        }
    }

    private Question Next(Random rng, int index)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var n = rng.Next(_options.MinNodes, _options.MaxNodes + 1);
            var edges = RandomConnectedGraph(n, rng);

            // A few source/target draws per graph; a graph where every pair is too close is redrawn.
            for (var draw = 0; draw < 10; draw++)
            {
                var source = rng.Next(n);
                var target = rng.Next(n - 1);
                if (target >= source)
                {
                    target++;
                }

                var solution = ShortestPath.Solve(n, edges, source, target)!.Value;
                if (solution.Path.Count - 1 < _options.MinPathEdges)
                {
                    continue;
                }

                var problem = new ShortestPathProblem(n, edges, source, target);
                return new Question
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"{_options.IdPrefix}-{index}"),
                    Task = TaskNames.NLGraphShortestPath,
                    Prompt = problem.ToQuestionText(),
                    GoldAnswer = problem.FormatAnswer(solution.Path, solution.Weight),
                    Metadata = new Dictionary<string, string>
                    {
                        ["difficulty"] = _options.Difficulty,
                        ["generator"] = "synthetic",
                        ["seed"] = _options.Seed.ToString(CultureInfo.InvariantCulture),
                    },
                };
            }
        }

        throw new InvalidOperationException($"No graph with a shortest path of at least {_options.MinPathEdges} edges was found in {MaxAttempts} attempts; lower MinPathEdges or ExtraEdgeProbability.");
    }

    private List<WeightedEdge> RandomConnectedGraph(int n, Random rng)
    {
        var present = new bool[n, n];
        var order = OptionPermutation.Shuffle(n, rng);
        for (var i = 1; i < n; i++)
        {
            // Random spanning tree: each node joins a random earlier one, so the graph is connected.
            var a = order[i];
            var b = order[rng.Next(i)];
            present[Math.Min(a, b), Math.Max(a, b)] = true;
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                if (!present[a, b] && rng.NextDouble() < _options.ExtraEdgeProbability)
                {
                    present[a, b] = true;
                }
            }
        }

        var edges = new List<WeightedEdge>();
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                if (present[a, b])
                {
                    edges.Add(new WeightedEdge(a, b, rng.Next(_options.MinWeight, _options.MaxWeight + 1)));
                }
            }
        }

        return edges;
    }
}
