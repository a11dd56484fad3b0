using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>
/// The NLGraph maximum-flow task. Grades compare the stated flow x with the exact maximum flow x*
/// (Dinic): <see cref="Grade.TrainingProxy"/> = -|x - x*|, <see cref="Grade.Cor"/> =
/// clip(1 - |x - x*| / (2x*), 0, 1) (the paper's normalizer 2x*), correct iff x == x*. When x* = 0
/// the normalizer is zero: an exact answer scores 1 and any other 0.
/// </summary>
public sealed partial class MaxFlowOracle : ITaskOracle
{
    private readonly ConditionalWeakTable<Question, StrongBox<long>> _solutions = new();

    /// <inheritdoc />
    public string Name => TaskNames.NLGraphMaxFlow;

    /// <inheritdoc />
    public bool IsMultipleChoice => false;

    /// <inheritdoc />
    public string FinalAnswerInstruction =>
        "State only your final answer, in exactly this form: \"The maximum flow is <number>.\"";

    /// <inheritdoc />
    public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var problem = MaxFlowProblem.Parse(question.Id, question.Prompt);
        return NLGraphText.WithoutAnswerCue(question.Prompt)
            + "\n\nThink step by step, then end your answer with: "
            + string.Create(CultureInfo.InvariantCulture, $"\"The maximum flow from node {problem.Source} to node {problem.Sink} is <number>.\"");
    }

    /// <inheritdoc />
    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null)
    {
        return AnswerText.LastNumber(FlowPattern(), text);
    }

    /// <inheritdoc />
    public Grade Grade(Question question, Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!AnswerText.TryGetNumber(candidate, out var flow))
        {
            return WrongOverWrong.Grade.Unparsable;
        }

        var gold = Solve(question);
        return DistanceGrade.Create(flow, gold, 2.0 * gold, flow == gold);
    }

    /// <summary>Solves the question exactly (cached per question object).</summary>
    /// <param name="question">A max-flow question.</param>
    /// <exception cref="FormatException">The graph cannot be parsed (the message names the question id).</exception>
    public long Solve(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return _solutions.GetValue(question, q =>
        {
            var p = MaxFlowProblem.Parse(q.Id, q.Prompt);
            return new StrongBox<long>(MaximumFlow.Solve(p.NodeCount, p.Edges, p.Source, p.Sink));
        }).Value;
    }

    /// <summary>Checks that the question's gold answer states the solver's maximum flow.</summary>
    /// <param name="question">A max-flow question with <see cref="Question.GoldAnswer"/>.</param>
    public GoldCheck CheckGold(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return NLGraphGold.Check(question, Solve(question), question.GoldAnswer is null ? null : ExtractFinalAnswer(question, question.GoldAnswer));
    }

    // "The maximum flow from node 0 to node 5 is 7", "The maximum flow is 7.", "maximum flow = 7".
    [GeneratedRegex(@"maximum\s+flow(?:\s+from\s+node\s+\d+\s+to\s+node\s+\d+)?\s*(?:is|=|:|of)\s*:?\s*\**\s*(" + AnswerText.NumberPattern + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FlowPattern();
}
