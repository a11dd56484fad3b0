using System.Globalization;
using System.Runtime.CompilerServices;
using WrongOverWrong.Tasks.Extraction;
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
/// <para>A path stated in the response ("is 0,3,2 with a total weight of 4") is checked against the
/// graph (existing edges, right endpoints, no repeated node) and its real weight is reported in
/// <see cref="Grade.Detail"/>. Under the paper's rule (<see cref="GradingRule.Paper"/>, the default)
/// this does not change the grade, which rests on the stated weight alone; the stated weight is not
/// compared with the path's weight. Under <see cref="GradingRule.Strict"/> an answer without a valid
/// path of the stated weight is wrong and ranks below every valid answer.</para>
/// </remarks>
public sealed class ShortestPathOracle : ITaskOracle, IFinalAnswerReader, IHasGradingRule
{
    private readonly ShortestPathOracleOptions _options;
    private readonly ConditionalWeakTable<Question, ShortestPathSolution> _solutions = new();
    private readonly ConditionalWeakTable<Question, ShortestPathProblem> _problems = new();

    /// <summary>Creates the oracle.</summary>
    /// <param name="options">Search bounds for the normalizer and the grading rule; defaults when <see langword="null"/>.</param>
    public ShortestPathOracle(ShortestPathOracleOptions? options = null)
    {
        _options = options ?? new ShortestPathOracleOptions();
    }

    /// <inheritdoc />
    public string Name => TaskNames.NLGraphShortestPath;

    /// <inheritdoc />
    public GradingRule Rule => _options.Rule;

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
    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null) =>
        ReadFinalAnswer(question, text, optionOrder).Answer;

    /// <inheritdoc />
    /// <remarks>The rules are in the Core README, section "Answer extraction".</remarks>
    public FinalAnswerReading ReadFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null) =>
        NLGraphAnswerReaders.ShortestPath.Read(text);

    /// <inheritdoc />
    public Grade Grade(Question question, Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!AnswerText.TryGetNumber(candidate, out var weight))
        {
            return WrongOverWrong.Grade.Unparsable;
        }

        var solution = Solve(question);
        var path = StatedPath.Check(Parse(question), candidate.Response);
        var normalizer = solution.LongestPathWeight - solution.Weight;
        if (_options.Rule == GradingRule.Strict && !path.IsValidFor(weight))
        {
            var reason = path.Description ?? "no path stated";
            if (path.IsValid)
            {
                reason += string.Create(CultureInfo.InvariantCulture, $", but the stated total is {AnswerText.Format(weight)}");
            }

            return StrictGrade.Invalid(weight, solution.Weight, normalizer, "strict rule: " + reason);
        }

        return DistanceGrade.Create(weight, solution.Weight, normalizer, weight == solution.Weight, path.Description);
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

        return NLGraphGold.Check(question, weight, question.GoldAnswer is null ? null : ExtractFinalAnswer(question, question.GoldAnswer), "weight");
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
        return StatedPath.Check(problem, response).Description;
    }

    // Parsed once per question object: grading calls this for every candidate.
    private ShortestPathProblem Parse(Question question) => _problems.GetValue(question, q => ShortestPathProblem.Parse(q.Id, q.Prompt));
}
