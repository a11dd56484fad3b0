using System.Globalization;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.Extraction;

/// <summary>
/// Reads a numeric final answer (NLGraph's integers, SciBench's floats) from prose: finds the
/// statements that name the task's quantity, reads the value each one states, and lets
/// <see cref="StatementSelector"/> pick the final one.
/// </summary>
/// <param name="quantityCues">Phrases naming the quantity, followed by its value ("total weight", "maximum flow").</param>
/// <param name="countCue">A phrase preceded by its value ("3 applicants can find ..."), or <see langword="null"/>.</param>
/// <param name="finalForm">How the requested final sentence starts ("The total weight"), or <see langword="null"/>.</param>
/// <param name="scientific">Whether "3.2 × 10^4" is one number (SciBench) rather than arithmetic.</param>
/// <param name="quantityCuesInConclusionsOnly">Whether quantity cues count only in conclusions (generic cues such as "is" for SciBench).</param>
internal sealed partial class NumberAnswerReader(
    IReadOnlyList<Regex> quantityCues,
    Regex? countCue,
    Regex? finalForm,
    bool scientific = false,
    bool quantityCuesInConclusionsOnly = false)
{
    /// <summary>Reads the final number of <paramref name="text"/>, or why there is none.</summary>
    public FinalAnswerReading Read(string text)
    {
        // Stryker disable once Statement : ResponseText.Normalize, the next call, throws the same ArgumentNullException for "text".
        ArgumentNullException.ThrowIfNull(text);
        var normalized = ResponseText.Normalize(text);
        if (Bare(normalized) is { } bare)
        {
            return Found(bare);
        }

        var statements = new List<Statement<double>>();
        var sentences = ResponseText.Sentences(normalized);
        for (var i = 0; i < sentences.Count; i++)
        {
            // A one-sentence reply is the model's conclusion ("E = 3.2 × 10^4 J"), whatever its first word.
            ReadSentence(sentences[i], i, sentences.Count == 1, statements);
        }

        var (value, reason) = StatementSelector.Select(statements, Describe);
        return value is { } v ? Found(v) : FinalAnswerReading.Unparsable(reason!);
    }

    // A quantity cue concludes when its sentence does, or when its clause starts the final form:
    // "Adding the path 0-2-4-5, the maximum flow is 23."
    private StatementStrength Strength(string sentence, int cueStart, bool sentenceConcludes)
    {
        if (sentenceConcludes)
        {
            return StatementStrength.Conclusion;
        }

        var clauseStart = sentence.LastIndexOfAny([',', ';', ':'], Math.Max(0, cueStart - 1)) + 1;
        var clause = sentence[clauseStart..].TrimStart();
        return ConclusionStart().IsMatch(clause) || (finalForm?.IsMatch(clause) ?? false)
            ? StatementStrength.Conclusion
            : StatementStrength.Mention;
    }

    private static FinalAnswerReading Found(double value) => FinalAnswerReading.Read(new ExtractedAnswer(AnswerText.Format(value), Value: value));

    private static string Describe(double value) => AnswerText.Format(value);

    // A second-turn reply that is only a number ("4", "4.", "= 4", "3 + 1 = 4", "3.2 × 10^4 J").
    private double? Bare(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!').Trim();
        if (trimmed.Length == 0 || trimmed.Length > 80 || !BareShape().IsMatch(trimmed))
        {
            return null;
        }

        var first = Numbers().Match(trimmed);
        return first.Success ? ValueAt(trimmed, first, out _) : null;
    }

    private void ReadSentence(string sentence, int index, bool onlySentence, List<Statement<double>> statements)
    {
        var conclusion = onlySentence || ConclusionStart().IsMatch(sentence) || (finalForm?.IsMatch(sentence) ?? false);
        foreach (Match cue in AnswerCue().Matches(sentence))
        {
            if (IsHypothetical(Clause(sentence[..cue.Index])))
            {
                continue;
            }

            // Stryker disable once Conditional,String : the selector treats FinalAnswer and Answer alike (both explicit answers, which must agree), so which of the two a cue gets changes no reading.
            var strength = cue.Groups["final"].Success ? StatementStrength.FinalAnswer : StatementStrength.Answer;
            AddAfter(sentence, cue.Index, cue.Index + cue.Length, strength, index, statements);
        }

        foreach (var pattern in quantityCues)
        {
            foreach (Match cue in pattern.Matches(sentence))
            {
                var strength = Strength(sentence, cue.Index, conclusion);
                if ((quantityCuesInConclusionsOnly && strength != StatementStrength.Conclusion) || IsHypothetical(Clause(sentence[..cue.Index])))
                {
                    continue;
                }

                AddAfter(sentence, cue.Index, cue.Index + cue.Length, strength, index, statements);
            }
        }

        if (countCue is not null)
        {
            foreach (Match cue in countCue.Matches(sentence))
            {
                AddBefore(sentence, cue.Index, conclusion, index, statements);
            }
        }
    }

    private void AddAfter(string sentence, int cueStart, int start, StatementStrength strength, int index, List<Statement<double>> statements)
    {
        var skip = SkippedSpans(sentence);
        for (var m = Numbers().Match(sentence, start); m.Success; m = m.NextMatch())
        {
            if (skip.Any(s => m.Index >= s.Start && m.Index < s.End) || IsListMember(sentence, m) || EntityBefore().IsMatch(Tail(sentence, m.Index)))
            {
                continue;
            }

            var gap = sentence[start..m.Index];
            if (Negation().IsMatch(Tail(gap, gap.Length)))
            {
                start = m.Index + m.Length; // "not 5", "less than 6": a value the statement rejects
                continue;
            }

            if (IsHypothetical(gap))
            {
                return;
            }

            var value = ValueAt(sentence, m, out var end);
            if (value is not { } v)
            {
                return;
            }

            var rest = sentence[end..];
            var undecided = Alternative().IsMatch(rest);
            if (!undecided && LargerAfter().IsMatch(rest))
            {
                return; // "..., which is larger": the sentence describes a rejected alternative
            }

            statements.Add(new Statement<double>(v, undecided, strength, index, sentence, cueStart, StatementSelector.IsCorrection(sentence[..cueStart])));
            return;
        }
    }

    private void AddBefore(string sentence, int cueStart, bool sentenceConcludes, int index, List<Statement<double>> statements)
    {
        var prefix = sentence[..cueStart];
        var m = CountBefore().Match(prefix);
        if (!m.Success || IsHypothetical(Clause(prefix[..m.Index])))
        {
            return;
        }

        var value = WordNumber(m.Groups["n"].Value);
        if (value is null)
        {
            return;
        }

        var undecided = AlternativeBefore().IsMatch(prefix.AsSpan(0, m.Groups["n"].Index));
        var at = m.Groups["n"].Index;
        var strength = Strength(sentence, at, sentenceConcludes);
        statements.Add(new Statement<double>(value.Value, undecided, strength, index, sentence, at, StatementSelector.IsCorrection(prefix[..at])));
    }

    /// <summary>The value of the number at <paramref name="m"/>, with scientific notation and a trailing arithmetic chain applied.</summary>
    private double? ValueAt(string sentence, Match m, out int end)
    {
        end = m.Index + m.Length;
        if (!AnswerText.TryParseNumber(m.Value, out var value))
        {
            return null;
        }

        if (scientific && Scientific().Match(sentence, end) is { Success: true } sci)
        {
            if (!int.TryParse(sci.Groups["exp"].Value.Replace('−', '-'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) || Math.Abs(exponent) > 300)
            {
                return null;
            }

            end = sci.Index + sci.Length;
            value *= Math.Pow(10, exponent);
            return double.IsFinite(value) ? value : null;
        }

        var chain = Chain().Match(sentence, end);
        if (!chain.Success)
        {
            return value;
        }

        end = chain.Index + chain.Length;
        var expression = m.Value + chain.Value;
        // After the last '=' when there is one (LastIndexOf gives -1 otherwise, so the whole expression).
        var result = ArithmeticExpression.Evaluate(expression[(expression.LastIndexOf('=') + 1)..]);
        return result is { } r && double.IsFinite(r) ? r : null;
    }

    private static bool IsListMember(string sentence, Match m) =>
        ListAfter().IsMatch(sentence, m.Index + m.Length) || ListBefore().IsMatch(Tail(sentence, m.Index));

    // The end-anchored patterns only look at the words just before a number; a short tail keeps them linear.
    private static ReadOnlySpan<char> Tail(string text, int end) => text.AsSpan(Math.Max(0, end - 60), Math.Min(end, 60));

    private static bool IsHypothetical(string text) => Hypothetical().IsMatch(text);

    // The clause a cue is in: "The first try was wrong; the total weight is 4" judges only the part after ';'.
    private static string Clause(string prefix)
    {
        var cut = ClauseBreak().Matches(prefix) is { Count: > 0 } breaks ? breaks[^1].Index + breaks[^1].Length : 0;
        return prefix[cut..];
    }

    private static List<(int Start, int End)> SkippedSpans(string sentence) =>
        [.. Range().Matches(sentence).Select(r => (r.Index, r.Index + r.Length))];

    private static double? WordNumber(string word)
    {
        if (AnswerText.TryParseNumber(word, out var value))
        {
            return value;
        }

        var index = Array.IndexOf(Words, word.ToLowerInvariant());
        return index >= 0 ? index : null;
    }

    private static readonly string[] Words =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
}
