using System.Text;

namespace WrongOverWrong.Tasks.KnowledgeCrosswords;

/// <summary>
/// Builds the paper's four composite options for a 3-blank problem: one option with k correct
/// blanks for each k = 0, 1, 2, 3 (proxy k/3, correct iff k = 3), shuffled.
/// </summary>
public static class KnowledgeCrosswordsQuestionBuilder
{
    /// <summary>The number of blanks the paper's composite options need.</summary>
    public const int BlankCount = 3;

    /// <summary>
    /// Builds the question. For each k the random source picks which k blanks get their gold
    /// entity; every other blank gets a wrong candidate of that blank, also picked at random. The
    /// four options are then shuffled into their canonical order.
    /// </summary>
    /// <param name="problem">A problem with exactly 3 blanks.</param>
    /// <param name="id">The question id.</param>
    /// <param name="rng">The seeded random source.</param>
    /// <exception cref="ArgumentException">The problem has other than 3 blanks, or a blank has no wrong candidate.</exception>
    public static Question Build(KnowledgeCrosswordsProblem problem, string id, Random rng)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(rng);
        if (problem.Blanks.Count != BlankCount)
        {
            throw new ArgumentException($"Question '{id}': composite options need {BlankCount} blanks, the problem has {problem.Blanks.Count}.", nameof(problem));
        }

        var wrong = new List<string>[BlankCount];
        for (var b = 0; b < BlankCount; b++)
        {
            wrong[b] = problem.Candidates[b].Where(c => c != problem.Answers[b]).Distinct().ToList();
            if (wrong[b].Count == 0)
            {
                throw new ArgumentException($"Question '{id}': {problem.Blanks[b]} has no wrong candidate, so no option with it wrong can be built.", nameof(problem));
            }
        }

        var options = new AnswerOption[BlankCount + 1];
        for (var k = 0; k <= BlankCount; k++)
        {
            var correctBlanks = OptionPermutation.Shuffle(BlankCount, rng).Take(k).ToHashSet();
            var fills = new string[BlankCount];
            for (var b = 0; b < BlankCount; b++)
            {
                fills[b] = correctBlanks.Contains(b) ? problem.Answers[b] : wrong[b][rng.Next(wrong[b].Count)];
            }

            options[k] = new AnswerOption(FormatOption(problem.Blanks, fills), k / (double)BlankCount, k == BlankCount);
        }

        var order = OptionPermutation.Shuffle(options.Length, rng);
        return new Question
        {
            Id = id,
            Task = TaskNames.KnowledgeCrosswords,
            Prompt = BuildPromptText(problem),
            Options = order.Select(i => options[i]).ToArray(),
            GoldAnswer = options[BlankCount].Text,
            Metadata = new Dictionary<string, string> { ["problemId"] = problem.Id },
        };
    }

    /// <summary>The text of a composite option: "blank 1: X; blank 2: Y; blank 3: Z".</summary>
    /// <param name="blanks">The blank names.</param>
    /// <param name="fills">The entity filled into each blank.</param>
    public static string FormatOption(IReadOnlyList<string> blanks, IReadOnlyList<string> fills)
    {
        ArgumentNullException.ThrowIfNull(blanks);
        ArgumentNullException.ThrowIfNull(fills);
        return string.Join("; ", blanks.Select((b, i) => $"{b}: {fills[i]}"));
    }

    private static string BuildPromptText(KnowledgeCrosswordsProblem problem)
    {
        var builder = new StringBuilder();
        builder.Append("Fill in the blanks so that every constraint below holds. Each constraint is a (subject, relation, object) triple; ");
        builder.Append(string.Join(", ", problem.Blanks)).Append(" stand for unknown entities.\n\nConstraints:\n");
        for (var i = 0; i < problem.Relations.Count; i++)
        {
            builder.Append("- (").Append(problem.Sources[i]).Append(", ").Append(problem.Relations[i]).Append(", ").Append(problem.Targets[i]).Append(")\n");
        }

        builder.Append("\nWhich option fills all the blanks correctly?");
        return builder.ToString();
    }
}
