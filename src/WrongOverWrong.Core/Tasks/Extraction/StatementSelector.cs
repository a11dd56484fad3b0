using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.Extraction;

/// <summary>
/// Picks the final answer from the statements of a response, or says why none can be picked. The
/// rules are the ones documented in the Core README (section "Answer extraction").
/// </summary>
internal static partial class StatementSelector
{
    private const int QuoteLength = 80;

    /// <summary>Whether the text before a statement withdraws what was said earlier.</summary>
    public static bool IsCorrection(string prefix) => Correction().IsMatch(prefix);

    /// <summary>
    /// The most final kind of statement present decides. Answer statements ("Final answer",
    /// "The answer is") and plain mentions must all agree, because nothing ranks one above the
    /// other; among conclusions the last one wins, because reasoning concludes step by step and the
    /// last conclusion is what a reader takes away. An answer statement that contradicts the last
    /// conclusion, or a later "4 or 5", is a conflict: unparsable, never a guess.
    /// </summary>
    public static (T? Value, string? Reason) Select<T>(IReadOnlyList<Statement<T>> statements, Func<T, string> describe)
        where T : struct, IEquatable<T>
    {
        if (statements.Count == 0)
        {
            return (null, FinalAnswerReading.NothingStated);
        }

        // "First 3 ...; no, 2 ...", "I thought 5, but the total weight is 6": a correction withdraws what came before it.
        var ordered = statements.OrderBy(s => s.Sentence).ThenBy(s => s.Position).ToList();
        var lastCorrection = ordered.FindLastIndex(s => s.Corrects);
        // Stryker disable once Equality : a correction at index 0 keeps the range from 0, which is all of them either way.
        statements = lastCorrection > 0 ? ordered.GetRange(lastCorrection, ordered.Count - lastCorrection) : ordered;

        // "Final answer" and "The answer is" are both explicit answers: they must agree with each other.
        var strength = statements.Min(s => s.Strength);
        // <= would differ only when strength is Conclusion; then every statement is Conclusion or weaker, so the clause
        // below adds none, and the last conclusion checked further down is a decisive one already compared.
        // Stryker disable once Equality : equivalent, see above.
        var explicitAnswers = strength < StatementStrength.Conclusion;
        var chosen = statements.Where(s => s.Strength == strength || (explicitAnswers && s.Strength < StatementStrength.Conclusion)).ToList();
        if (strength == StatementStrength.Conclusion)
        {
            var last = chosen[^1].Sentence;
            chosen = chosen.Where(s => s.Sentence == last).ToList();
        }

        var decisive = chosen.Where(s => !s.Undecided).ToList();
        if (decisive.Count == 0)
        {
            return (null, $"the answer is undecided: '{Quote(chosen[^1].Quote)}'");
        }

        var first = decisive[0];
        if (decisive.FirstOrDefault(s => !s.Value.Equals(first.Value)) is { Quote: not null } other)
        {
            return (null, $"conflicting statements: {describe(first.Value)} ('{Quote(first.Quote)}') vs {describe(other.Value)} ('{Quote(other.Quote)}')");
        }

        var lastDecisive = decisive[^1].Sentence;
        if (chosen.FirstOrDefault(s => s.Undecided && s.Sentence > lastDecisive) is { Quote: not null } later)
        {
            return (null, $"the answer {describe(first.Value)} is followed by an undecided one: '{Quote(later.Quote)}'");
        }

        // An explicit answer must agree with the reasoning's last conclusion, wherever it stands:
        // "The maximum flow is 7. Final answer: 5" states two answers.
        if (explicitAnswers
            && statements.LastOrDefault(s => s.Strength == StatementStrength.Conclusion && !s.Undecided) is { Quote: not null } conclusion
            && !conclusion.Value.Equals(first.Value))
        {
            return (null, $"conflicting statements: {describe(first.Value)} ('{Quote(first.Quote)}') vs the conclusion {describe(conclusion.Value)} ('{Quote(conclusion.Quote)}')");
        }

        return (first.Value, null);
    }

    private static string Quote(string sentence) => sentence.Length <= QuoteLength ? sentence : sentence[..(QuoteLength - 3)] + "...";

    [GeneratedRegex(@"\b(?:actually|wait|correction|sorry|oops|on\s+second\s+thought|I\s+mean|re-?check\w*|recalculat\w*|re-?evaluat\w*)\b|\bno\s*,|[,;]\s*(?:but|then|no)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Correction();
}
