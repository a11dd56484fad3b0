using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>
/// The NLGraph shortest-path task: prompt, answer extraction and the exact oracle of the paper.
/// </summary>
/// <remarks>
/// <para>Grades compare the stated total weight w with the exact shortest weight w* (Dijkstra):
/// <see cref="Grade.TrainingProxy"/> = -|w - w*| (the training signal), <see cref="Grade.Cor"/> =
/// clip(1 - |w - w*| / (L - w*), 0, 1) with L the weight of the longest simple path between the
/// two nodes (the evaluation proxy), and the answer is correct iff w == w*. When L == w* (only one
/// simple path) the normalizer is zero: an exact answer scores 1 and any other 0.</para>
/// <para>A path stated in the response ("is 0,3,2 with a total weight of 4") is checked too (valid
/// edges, right endpoints, weight as stated) and reported in <see cref="Grade.Detail"/>; it does not
/// change the grade, which the paper bases on the weight alone.</para>
/// </remarks>
public sealed partial class ShortestPathOracle : ITaskOracle
{
    private readonly ShortestPathOracleOptions _options;
    private readonly ConditionalWeakTable<Question, ShortestPathSolution> _solutions = new();

    /// <summary>Creates the oracle.</summary>
    /// <param name="options">Search bounds for the normalizer; defaults when <see langword="null"/>.</param>
    public ShortestPathOracle(ShortestPathOracleOptions? options = null)
    {
        _options = options ?? new ShortestPathOracleOptions();
    }

    /// <inheritdoc />
    public string Name => TaskNames.NLGraphShortestPath;

    /// <inheritdoc />
    public bool IsMultipleChoice => false;

    /// <inheritdoc />
    public string FinalAnswerInstruction =>
        "State only your final answer, in exactly this form: \"The total weight is <number>.\"";

    /// <inheritdoc />
    public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var problem = Parse(question);
        return NLGraphText.WithoutAnswerCue(question.Prompt)
            + "\n\nThink step by step, then end your answer with the path and its total weight in the form: "
            + string.Create(CultureInfo.InvariantCulture, $"\"The shortest path from node {problem.Source} to node {problem.Target} is <node>,<node>,... with a total weight of <number>.\"");
    }

    /// <inheritdoc />
    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null)
    {
        return AnswerText.LastNumber(WeightPattern(), text);
    }

    /// <inheritdoc />
    public Grade Grade(Question question, Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!AnswerText.TryGetNumber(candidate, out var weight))
        {
            return WrongOverWrong.Grade.Unparsable;
        }

        var solution = Solve(question);
        var detail = DescribeStatedPath(Parse(question), candidate.Response);
        return DistanceGrade.Create(weight, solution.Weight, solution.LongestPathWeight - solution.Weight, weight == solution.Weight, detail);
    }

    /// <summary>
    /// Solves the question exactly (cached per question object): w*, one shortest path and the
    /// longest-simple-path normalizer L.
    /// </summary>
    /// <param name="question">A shortest-path question.</param>
    /// <exception cref="FormatException">The question's graph cannot be parsed (the message names the question id).</exception>
    /// <exception cref="InvalidDataException">The target cannot be reached from the source.</exception>
    /// <exception cref="ArgumentException">The graph has more nodes than <see cref="ShortestPathOracleOptions.MaxNodesForLongestPath"/> (the question id is named).</exception>
    /// <exception cref="InvalidOperationException">The longest-path search exceeded <see cref="ShortestPathOracleOptions.MaxLongestPathSteps"/> (the question id is named).</exception>
    public ShortestPathSolution Solve(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return _solutions.GetValue(question, q =>
        {
            var problem = Parse(q);
            var shortest = ShortestPath.Solve(problem.NodeCount, problem.Edges, problem.Source, problem.Target)
                ?? throw new InvalidDataException($"Question '{q.Id}': node {problem.Target} cannot be reached from node {problem.Source}.");
            long? longest;
            try
            {
                longest = LongestSimplePath.Solve(problem.NodeCount, problem.Edges, problem.Source, problem.Target, _options.MaxNodesForLongestPath, _options.MaxLongestPathSteps);
            }
            catch (ArgumentException ex)
            {
                // The node bound: say which question hit it, so a grading run can be fixed.
                throw new ArgumentException($"Question '{q.Id}': cannot compute the longest-path normalizer: {ex.Message}", nameof(question), ex);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException($"Question '{q.Id}': cannot compute the longest-path normalizer: {ex.Message}", ex);
            }

            return new ShortestPathSolution(shortest.Weight, shortest.Path, longest ?? shortest.Weight);
        });
    }

    /// <summary>Checks that the question's gold answer states the solver's shortest weight.</summary>
    /// <param name="question">A shortest-path question with <see cref="Question.GoldAnswer"/>.</param>
    /// <remarks>Only w* is needed, so this runs Dijkstra alone (unless the question is already solved),
    /// never the exhaustive longest-path search: a loader can check every gold answer cheaply.</remarks>
    /// <exception cref="InvalidDataException">The target cannot be reached from the source.</exception>
    public GoldCheck CheckGold(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        long weight;
        if (_solutions.TryGetValue(question, out var solved))
        {
            weight = solved.Weight;
        }
        else
        {
            var problem = Parse(question);
            weight = ShortestPath.Solve(problem.NodeCount, problem.Edges, problem.Source, problem.Target)?.Weight
                ?? throw new InvalidDataException($"Question '{question.Id}': node {problem.Target} cannot be reached from node {problem.Source}.");
        }

        var gold = question.GoldAnswer is null ? null : ExtractFinalAnswer(question, question.GoldAnswer);
        if (gold?.Value is not { } goldWeight)
        {
            return new GoldCheck(question.Id, false, weight, null, $"Question '{question.Id}': gold answer '{question.GoldAnswer}' states no total weight.");
        }

        return goldWeight == weight
            ? new GoldCheck(question.Id, true, weight, goldWeight, null)
            : new GoldCheck(question.Id, false, weight, goldWeight, string.Create(CultureInfo.InvariantCulture, $"Question '{question.Id}': gold weight {goldWeight} but the solver finds {weight}."));
    }

    /// <summary>
    /// Checks the last path stated in <paramref name="response"/> ("is 0,3,2") against the graph and
    /// describes it; <see langword="null"/> when no path is stated.
    /// </summary>
    /// <param name="problem">The parsed problem.</param>
    /// <param name="response">The response text.</param>
    public static string? DescribeStatedPath(ShortestPathProblem problem, string response)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(response);
        var m = AnswerText.LastMatch(PathPattern(), response);
        if (m is null)
        {
            return null;
        }

        var parts = NodeListSeparator().Split(m.Groups[1].Value);
        var nodes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out nodes[i]))
            {
                return $"stated path {m.Groups[1].Value} is invalid: node '{parts[i]}' is not a node number";
            }
        }

        var text = string.Join(",", nodes);
        if (nodes[0] != problem.Source || nodes[^1] != problem.Target)
        {
            return string.Create(CultureInfo.InvariantCulture, $"stated path {text} is invalid: it must run from node {problem.Source} to node {problem.Target}");
        }

        long total = 0;
        for (var i = 1; i < nodes.Length; i++)
        {
            var (a, b) = (nodes[i - 1], nodes[i]);
            var edge = problem.Edges.Where(e => (e.From == a && e.To == b) || (e.From == b && e.To == a)).ToList();
            if (edge.Count == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"stated path {text} is invalid: no edge between node {a} and node {b}");
            }

            total += edge.Min(e => e.Weight);
        }

        if (nodes.Distinct().Count() != nodes.Length)
        {
            return string.Create(CultureInfo.InvariantCulture, $"stated path {text} is a valid walk of weight {total} but repeats a node");
        }

        return string.Create(CultureInfo.InvariantCulture, $"stated path {text} is valid, weight {total}");
    }

    private ShortestPathProblem Parse(Question question) => ShortestPathProblem.Parse(question.Id, question.Prompt);

    // "The total weight is 7.", "with a total weight of 7", "Total weight: 7", "total weight = **7**",
    // "the total weight of this path is 7".
    [GeneratedRegex(@"total\s+weight(?:\s+of\s+(?:the|this|that)\s+(?:shortest\s+)?path)?\s*(?:is|of|=|:)?\s*(?:is|of)?\s*:?\s*\**\s*(" + AnswerText.NumberPattern + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeightPattern();

    [GeneratedRegex(@"\bis\s*:?\s*\[?\s*(\d+(?:\s*(?:,|->|→)\s*\d+)+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"\s*(?:,|->|→)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex NodeListSeparator();
}
