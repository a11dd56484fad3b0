using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.Extraction;

/// <summary>
/// Reads which shown option a multiple-choice response picks: a letter after an answer cue
/// ("The answer is B", "Answer: (c)"), "B is correct", a reply that is only the letter or the
/// option's text, or a line restating one option ("C. &lt;its text&gt;"). Negated letters ("not B")
/// are passed over; two letters ("A or B") or a letter contradicted by another option's text are
/// undecided. The result is a shown position (0 = A); the caller maps it to the underlying option.
/// </summary>
internal static partial class OptionAnswerReader
{
    /// <summary>How many words after an answer cue are searched for the letter.</summary>
    private const int MaxWordsAfterCue = 6;

    /// <summary>Reads the shown position picked in <paramref name="text"/>, or why there is none.</summary>
    /// <param name="text">The response.</param>
    /// <param name="shownTexts">The option texts in shown order (element k is shown as letter A + k).</param>
    public static (int? Position, string? Reason) Read(string text, IReadOnlyList<string> shownTexts)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(shownTexts);
        var normalized = ResponseText.Normalize(text);
        var options = shownTexts.Select(Simplify).ToArray();
        var statements = new List<Statement<int>>();
        if (Bare(normalized, options) is { } bare)
        {
            statements.Add(bare);
        }
        else
        {
            var sentences = ResponseText.Sentences(normalized);
            var lines = new List<Statement<int>>();
            var offset = 0;
            for (var i = 0; i < sentences.Count; i++)
            {
                // Sentences come in text order without overlapping, and each is a substring of the text
                // (trimmed, or cut to its end), so searching on from the end of the last one always finds
                // it, finds a repeated sentence at its own place, and keeps this linear.
                var at = normalized.IndexOf(sentences[i], offset, StringComparison.Ordinal);
                offset = at + sentences[i].Length;
                ReadSentence(sentences[i], i, normalized, at, options, statements, lines);
            }

            // One restated option line is an answer; several are the option list copied out.
            if (lines.Select(l => l.Value).Distinct().Count() == 1)
            {
                statements.AddRange(lines);
            }
        }

        var (position, reason) = StatementSelector.Select(statements, p => Letter(p).ToString());
        if (position is { } p && p >= shownTexts.Count)
        {
            return (null, $"option {Letter(p)} is not one of the {shownTexts.Count} shown options");
        }

        return (position, reason);
    }

    private static char Letter(int position) => (char)('A' + position);

    // The whole reply is one letter, one option's text, or "C. <option C's text>".
    private static Statement<int>? Bare(string text, string[] options)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains('\n', StringComparison.Ordinal) || trimmed.Length > 2000)
        {
            return null;
        }

        var letter = BareLetter().Match(trimmed);
        if (letter.Success)
        {
            return new Statement<int>(char.ToUpperInvariant(letter.Groups[1].Value[0]) - 'A', false, StatementStrength.FinalAnswer, 0, trimmed);
        }

        var simple = Simplify(trimmed);
        var byText = Array.FindIndex(options, o => o.Length > 0 && string.Equals(o, simple, StringComparison.Ordinal));
        if (byText >= 0)
        {
            return new Statement<int>(byText, false, StatementStrength.FinalAnswer, 0, trimmed);
        }

        var line = OptionLine().Match(trimmed);
        if (line.Success)
        {
            var position = line.Groups["letter"].Value[0] - 'A';
            var rest = Simplify(line.Groups["rest"].Value);
            var named = Array.FindIndex(options, o => o.Length > 0 && string.Equals(o, rest, StringComparison.Ordinal));
            if (named >= 0)
            {
                return new Statement<int>(position, named != position, StatementStrength.FinalAnswer, 0, trimmed);
            }
        }

        return null;
    }

    private static void ReadSentence(string sentence, int index, string text, int at, string[] options, List<Statement<int>> statements, List<Statement<int>> lines)
    {
        foreach (Match cue in AnswerCue().Matches(sentence))
        {
            // Stryker disable once Conditional,String : the selector treats FinalAnswer and Answer alike (both explicit answers, which must agree), so which of the two a cue gets changes no reading.
            var strength = cue.Groups["final"].Success ? StatementStrength.FinalAnswer : StatementStrength.Answer;
            var remainder = sentence[(cue.Index + cue.Length)..];
            var corrects = StatementSelector.IsCorrection(sentence[..cue.Index]);
            var (letter, undecided) = LetterAfter(remainder, cue.Groups["neg"].Success, options.Length);
            var named = NamedOptions(LineFrom(text, at, cue.Index + cue.Length), options);
            if (letter is { } l)
            {
                undecided |= named.Count > 0 && !named.Contains(l);
                statements.Add(new Statement<int>(l, undecided, strength, index, sentence, cue.Index, corrects));
            }
            else if (named.Count > 0)
            {
                statements.Add(new Statement<int>(named[0], named.Count > 1, strength, index, sentence, cue.Index, corrects));
            }
        }

        foreach (Match claim in LetterIsCorrect().Matches(sentence))
        {
            statements.Add(new Statement<int>(claim.Groups["letter"].Value[0] - 'A', false, StatementStrength.Answer, index, sentence, claim.Index, StatementSelector.IsCorrection(sentence[..claim.Index])));
        }

        var line = OptionLine().Match(sentence);
        if (line.Success)
        {
            var position = line.Groups["letter"].Value[0] - 'A';
            var rest = Simplify(LineFrom(text, at, line.Groups["rest"].Index));
            if (position < options.Length && options[position].Length > 0 && string.Equals(rest, options[position], StringComparison.Ordinal))
            {
                lines.Add(new Statement<int>(position, false, StatementStrength.Conclusion, index, sentence));
            }
        }
    }

    /// <summary>
    /// The first letter in the words after a cue, skipping filler and negated letters ("not B");
    /// undecided when another letter is offered beside it ("A or B", "B/C").
    /// </summary>
    private static (int? Letter, bool Undecided) LetterAfter(string remainder, bool negatedCue, int optionCount)
    {
        var words = remainder.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var negation = negatedCue ? 2 : 0;
        for (var w = 0; w < words.Length && w < MaxWordsAfterCue; w++)
        {
            var word = words[w];
            var bare = word.Trim('.', ',', ';', ':', '!', '?', '"', '\'').ToLowerInvariant();
            if (bare is "not" or "never" or "neither" or "nor" || bare.EndsWith("n't", StringComparison.Ordinal))
            {
                negation = 3;
                continue;
            }

            if (PairWord().Match(word) is { Success: true })
            {
                return (word.TrimStart('(', '[', '*')[0] - 'A', true);
            }

            var letter = LetterOf(word, w == words.Length - 1, optionCount);
            if (letter is null)
            {
                negation = Math.Max(0, negation - 1);
                continue;
            }

            if (negation > 0)
            {
                negation = 0;
                continue; // "not B"
            }

            var undecided = w + 2 < words.Length
                && words[w + 1].ToLowerInvariant() is "or" or "and" or "/" or "&"
                && LetterOf(words[w + 2], true, optionCount) is not null;
            return (letter, undecided);
        }

        return (null, false);
    }

    /// <summary>
    /// The shown position a word names, or <see langword="null"/>: one letter in optional wrappers
    /// ("(B)", "**B**", "B."). Lower case counts only wrapped or ending the clause ("the answer is
    /// c."; "a good one" is an article). "I" followed by a word is the pronoun, and is option I only
    /// with nine or more options.
    /// </summary>
    private static int? LetterOf(string word, bool last, int optionCount)
    {
        var m = LetterWord().Match(word);
        if (!m.Success)
        {
            return null;
        }

        var letter = m.Groups["letter"].Value[0];
        var wrapped = m.Groups["open"].Length > 0 || m.Groups["close"].Length > 0;
        var endsClause = last || m.Groups["punctuation"].Length > 0;
        if (char.IsLower(letter) && !wrapped && !endsClause)
        {
            return null;
        }

        var upper = char.ToUpperInvariant(letter);
        if (upper == 'I' && (!endsClause || optionCount < 9) && !wrapped)
        {
            return null;
        }

        return upper - 'A';
    }

    // The options whose text appears in the answer's line; an option whose text lies inside a longer one named there is not counted.
    private static List<int> NamedOptions(string line, string[] options)
    {
        var simple = " " + Simplify(line) + " ";
        var hits = new List<int>();
        for (var k = 0; k < options.Length; k++)
        {
            if (options[k].Length > 0 && simple.Contains(" " + options[k] + " ", StringComparison.Ordinal))
            {
                hits.Add(k);
            }
        }

        return [.. hits.Where(k => !hits.Any(o => o != k && options[o].Length > options[k].Length && options[o].Contains(options[k], StringComparison.Ordinal)))];
    }

    // The rest of the line from a position in a sentence: option texts may contain ". " ("St. Louis").
    private static string LineFrom(string text, int start, int offset)
    {
        var end = text.IndexOf('\n', start + offset);
        var line = text[(start + offset)..(end < 0 ? text.Length : end)];
        return line.Length <= ResponseText.MaxSentenceLength ? line : line[..ResponseText.MaxSentenceLength];
    }

    /// <summary>Lower case, punctuation to spaces, single spaces: how option texts are compared.</summary>
    private static string Simplify(string text) => string.Join(' ', NonWord().Replace(text.ToLowerInvariant(), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));

    // "The answer is", "Final answer:", "the correct option is", "The answer isn't", "I choose".
    [GeneratedRegex(@"\b(?:(?<final>final\s+answer)\s*(?:is\b|:|=|-)?|(?:(?:correct|right|best)\s+(?:answer|option|choice)|answer(?:\s+(?:choice|option))?)\s*(?:(?<neg>is\s+not\b|isn't\b)|is\b|:|=|would\s+be\b|should\s+be\b|must\s+be\b|will\s+be\b)|\bI(?:\s+would|\s+will|['’]d|['’]ll)?\s+(?:choose|pick|select|go\s+with)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerCue();

    // "B is correct", "Option B is the correct answer", "(C) is the best choice".
    [GeneratedRegex(@"(?:^|(?<=\s|\())(?:(?i:option|choice)\s+)?\(?(?<letter>[A-Z])\)?\s+is\s+(?i:the\s+)?(?i:correct|right|best)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LetterIsCorrect();

    [GeneratedRegex(@"^(?<open>[\(\[*""'“]*)(?<letter>[A-Za-z])(?<close>[\)\]*""'”]*)(?<punctuation>[.,;:!?]*)[\)\]*""'”]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LetterWord();

    [GeneratedRegex(@"^[\(\[]?[A-Z]/[A-Z][\)\]]?[.,;:!?]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PairWord();

    [GeneratedRegex(@"^(?:(?i:final\s+answer|answer)\s*[:=]?\s*)?[\(\[""']?([A-Za-z])[\)\]""']?[.:!]?$", RegexOptions.CultureInvariant)]
    private static partial Regex BareLetter();

    [GeneratedRegex(@"^[\(\[]?(?<letter>[A-Z])[\)\].:]\s+(?<rest>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex OptionLine();

    [GeneratedRegex(@"[^\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();
}
