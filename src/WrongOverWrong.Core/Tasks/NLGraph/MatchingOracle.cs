using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>
/// The NLGraph bipartite-matching task. Grades compare the stated number of matched applicants x
/// with the exact maximum matching x* (Hopcroft-Karp): <see cref="Grade.TrainingProxy"/> = -|x - x*|,
/// <see cref="Grade.Cor"/> = clip(1 - |x - x*| / (2x*), 0, 1), correct iff x == x*.
/// </summary>
/// <remarks>
/// The paper gives the normalizer 2x* for max flow only; matching is a special case of max flow,
/// so we use the same normalizer. When x* = 0 only the exact answer scores (1, else 0).
/// </remarks>
public sealed partial class MatchingOracle : ITaskOracle
{
    private readonly ConditionalWeakTable<Question, StrongBox<int>> _solutions = new();

    /// <inheritdoc />
    public string Name => TaskNames.NLGraphMatching;

    /// <inheritdoc />
    public bool IsMultipleChoice => false;

    /// <inheritdoc />
    public string FinalAnswerInstruction =>
        "State only your final answer, in exactly this form: \"<number> applicants can find the job they are interested in.\"";

    /// <inheritdoc />
    public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        _ = MatchingProblem.Parse(question.Id, question.Prompt); // fail early on a question we could not grade
        return NLGraphText.WithoutAnswerCue(question.Prompt)
            + "\n\nThink step by step, list the assignment, then end your answer with: \"<number> applicants can find the job they are interested in.\"";
    }

    /// <inheritdoc />
    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null)
    {
        return AnswerText.LastNumber(CountPattern(), text);
    }

    /// <inheritdoc />
    public Grade Grade(Question question, Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!AnswerText.TryGetNumber(candidate, out var count))
        {
            return WrongOverWrong.Grade.Unparsable;
        }

        var gold = Solve(question);
        return DistanceGrade.Create(count, gold, 2.0 * gold, count == gold);
    }

    /// <summary>Solves the question exactly (cached per question object).</summary>
    /// <param name="question">A matching question.</param>
    /// <exception cref="FormatException">The question cannot be parsed (the message names the question id).</exception>
    public int Solve(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return _solutions.GetValue(question, q =>
        {
            var p = MatchingProblem.Parse(q.Id, q.Prompt);
            return new StrongBox<int>(BipartiteMatching.Solve(p.ApplicantCount, p.JobCount, p.Interests));
        }).Value;
    }

    /// <summary>Checks that the question's gold answer states the solver's matching size.</summary>
    /// <param name="question">A matching question with <see cref="Question.GoldAnswer"/>.</param>
    public GoldCheck CheckGold(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return NLGraphGold.Check(question, Solve(question), question.GoldAnswer is null ? null : ExtractFinalAnswer(question, question.GoldAnswer));
    }

    [GeneratedRegex(@"(\d+)\s+applicants?\s+can\s+find\s+(?:the\s+|a\s+)?jobs?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountPattern();
}
