using System.Globalization;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.Numeric;

/// <summary>
/// A free numeric answer (SciBench). <see cref="Grade.TrainingProxy"/> = -|x - x*|;
/// <see cref="Grade.Cor"/> = clip(1 - |x - x*| / |x*|, 0, 1) (relative error, our
/// evaluation normalizer); correct iff |x - x*| &lt; 0.05|x*|, the one rule we use everywhere.
/// </summary>
/// <remarks>
/// When x* = 0 the relative rules are undefined: the answer is correct iff
/// |x| &lt;= <see cref="NumericOracleOptions.AbsoluteToleranceAtZero"/>, and the clipped proxy is 1
/// for a correct answer and 0 otherwise. The gold value is <see cref="Question.GoldAnswer"/>, parsed
/// as an invariant-culture number.
/// </remarks>
public sealed partial class NumericOracle : ITaskOracle
{
    private readonly NumericOracleOptions _options;

    /// <summary>Creates the oracle.</summary>
    /// <param name="options">Tolerances; defaults when <see langword="null"/>.</param>
    public NumericOracle(NumericOracleOptions? options = null)
    {
        _options = options ?? new NumericOracleOptions();
    }

    /// <inheritdoc />
    public string Name => TaskNames.Numeric;

    /// <inheritdoc />
    public bool IsMultipleChoice => false;

    /// <inheritdoc />
    public string FinalAnswerInstruction =>
        "State only your final answer as a plain number, in exactly this form: \"The answer is <number>.\"";

    /// <inheritdoc />
    public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Prompt.TrimEnd() + "\n\nThink step by step, then end your answer with \"The answer is <number>.\"";
    }

    /// <inheritdoc />
    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = AnswerText.LastMatch(AnswerPattern(), text);
        if (m is null || !AnswerText.TryParseNumber(m.Groups["mantissa"].Value, out var value))
        {
            return null;
        }

        if (m.Groups["exponent"].Success)
        {
            // "3.2 \times 10^{4}": SciBench answers are often written in scientific notation.
            value *= Math.Pow(10, int.Parse(m.Groups["exponent"].Value.Replace('−', '-'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        return double.IsFinite(value) ? new ExtractedAnswer(AnswerText.Format(value), Value: value) : null;
    }

    /// <inheritdoc />
    public Grade Grade(Question question, Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.FinalAnswer is null || !AnswerText.TryParseNumber(candidate.FinalAnswer, out var x))
        {
            return WrongOverWrong.Grade.Unparsable;
        }

        var gold = Gold(question);
        var distance = Math.Abs(x - gold);
        var correct = gold == 0
            ? distance <= _options.AbsoluteToleranceAtZero
            : distance < _options.RelativeTolerance * Math.Abs(gold);
        return gold == 0
            ? new Grade(-distance, correct ? 1 : 0, correct)
            : DistanceGrade.Create(x, gold, Math.Abs(gold), correct);
    }

    /// <summary>The gold value of a question.</summary>
    /// <param name="question">A numeric question.</param>
    /// <exception cref="FormatException">The gold answer is missing or not a number (the message names the question id).</exception>
    public static double Gold(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.GoldAnswer is { } text && AnswerText.TryParseNumber(text, out var gold)
            ? gold
            : throw new FormatException($"Question '{question.Id}': gold answer '{question.GoldAnswer}' is not a number.");
    }

    [GeneratedRegex(@"(?i:answer)\s*(?:(?i:is)|:|=)\s*:?\s*(?:(?i:approximately|about|roughly|around)\s*|[≈~]\s*)?[\$\\(\[*]*\s*(?<mantissa>" + AnswerText.NumberPattern + @")(?:\s*(?:\\times|×|x|\*)\s*10\s*\^\s*\{?\s*(?<exponent>[-+−]?\d+)\s*\}?)?", RegexOptions.CultureInvariant)]
    private static partial Regex AnswerPattern();
}
