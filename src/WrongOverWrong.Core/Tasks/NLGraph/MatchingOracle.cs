using System.Runtime.CompilerServices;
using WrongOverWrong.Tasks.Extraction;
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
public sealed class MatchingOracle : ITaskOracle, IFinalAnswerReader, IHasGradingRule
{
    private readonly ConditionalWeakTable<Question, StrongBox<int>> _solutions = new();
    private readonly ConditionalWeakTable<Question, MatchingProblem> _problems = new();
    private readonly MatchingOracleOptions _options;

    /// <summary>Creates the oracle.</summary>
    /// <param name="options">The grading rule; defaults (the paper's rule) when <see langword="null"/>.</param>
    public MatchingOracle(MatchingOracleOptions? options = null)
    {
        _options = options ?? new MatchingOracleOptions();
    }

    /// <inheritdoc />
    public GradingRule Rule => _options.Rule;

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
        _ = Parse(question); // fail early on a question we could not grade
        return NLGraphText.WithoutAnswerCue(question.Prompt)
            + "\n\nThink step by step, list the assignment, then end your answer with: \"<number> applicants can find the job they are interested in.\"";
    }

    /// <inheritdoc />
    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null)
    {
        return ReadFinalAnswer(question, text, optionOrder).Answer;
    }

    /// <inheritdoc />
    /// <remarks>The rules are in the Core README, section "Answer extraction".</remarks>
    public FinalAnswerReading ReadFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null) =>
        NLGraphAnswerReaders.Matching.Read(text);

    /// <inheritdoc />
    public Grade Grade(Question question, Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!AnswerText.TryGetNumber(candidate, out var count))
        {
            return WrongOverWrong.Grade.Unparsable;
        }

        var gold = Solve(question);
        if (_options.Rule == GradingRule.Strict && StatedAssignment.Problem(Parse(question), candidate.Response, count) is { } problem)
        {
            // Valid matchings have 0 <= x <= x*, so their proxies lie within x* of 0.
            return StrictGrade.Invalid(count, gold, gold, "strict rule: " + problem);
        }

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
            var p = Parse(q);
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

    // Parsed once per question object: grading calls this for every candidate.
    private MatchingProblem Parse(Question question) => _problems.GetValue(question, q => MatchingProblem.Parse(q.Id, q.Prompt));
}
