using System.Runtime.CompilerServices;
using System.Text.Json;
using WrongOverWrong.IO;

namespace WrongOverWrong.Tasks.KnowledgeCrosswords;

/// <summary>
/// Reads the Knowledge Crosswords multiple-choice files (JSON lines with <c>source</c>,
/// <c>relation</c>, <c>target</c>, <c>blanks</c>, <c>options</c>, <c>answer_all</c>) and turns each
/// 3-blank problem into a four-option question.
/// </summary>
public static class KnowledgeCrosswordsLoader
{
    /// <summary>Streams the problems of a file, every blank count included.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="JsonLinesFormatException">A line is malformed or inconsistent (file, line and field named).</exception>
    public static IAsyncEnumerable<KnowledgeCrosswordsProblem> ReadProblemsAsync(string path, CancellationToken cancellationToken = default) =>
        ReadProblemsCoreAsync(path, cancellationToken);

    /// <summary>
    /// Loads the 3-blank problems as questions with composite options, counting the problems left
    /// out. Each question's options come from its own random source, seeded by the seed and the
    /// problem id, so a question does not change when other lines of the file change.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Seed and id prefix; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<KnowledgeCrosswordsLoadResult> LoadAsync(string path, KnowledgeCrosswordsLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KnowledgeCrosswordsLoadOptions();
        var prefix = options.IdPrefix ?? Path.GetFileNameWithoutExtension(path);
        var questions = new List<Question>();
        var read = 0;
        var skipped = 0;
        await foreach (var problem in ReadProblemsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            read++;
            if (problem.Blanks.Count != KnowledgeCrosswordsQuestionBuilder.BlankCount)
            {
                skipped++;
                continue;
            }

            var id = $"{prefix}-{problem.Id}";
            var rng = new Random(StableSeed(options.Seed, id));
            questions.Add(KnowledgeCrosswordsQuestionBuilder.Build(problem, id, rng));
        }

        return new KnowledgeCrosswordsLoadResult(questions, read, skipped);
    }

    private static async IAsyncEnumerable<KnowledgeCrosswordsProblem> ReadProblemsCoreAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var problem in JsonLinesReader.ReadAsync(path, ReadProblem, cancellationToken).ConfigureAwait(false))
        {
            yield return problem;
        }
    }

    private static KnowledgeCrosswordsProblem ReadProblem(JsonElement e, LineContext c)
    {
        var id = c.Required(e, "id") is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : c.RequiredString(e, "id");
        var sources = Strings(e, c, "source");
        var relations = Strings(e, c, "relation");
        var targets = Strings(e, c, "target");
        if (sources.Count != relations.Count || targets.Count != relations.Count)
        {
            throw c.Error("relation", $"has {relations.Count} entries but source has {sources.Count} and target {targets.Count}");
        }

        var blanks = Strings(e, c, "blanks");
        var answers = Strings(e, c, "answer_all");
        if (answers.Count != blanks.Count)
        {
            throw c.Error("answer_all", $"has {answers.Count} entries for {blanks.Count} blanks");
        }

        var optionsObject = c.RequiredObject(e, "options");
        var candidates = new List<IReadOnlyList<string>>();
        for (var b = 0; b < blanks.Count; b++)
        {
            var list = Strings(optionsObject, c.At("options"), blanks[b]);
            if (!list.Contains(answers[b]))
            {
                throw c.Error($"options.{blanks[b]}", $"does not contain the gold entity '{answers[b]}'");
            }

            candidates.Add(list);
        }

        return new KnowledgeCrosswordsProblem(id, sources, relations, targets, blanks, candidates, answers);
    }

    private static List<string> Strings(JsonElement e, LineContext c, string field)
    {
        var array = c.RequiredArray(e, field);
        var list = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            list.Add(c.AsString(item, field));
        }

        return list;
    }

    // string.GetHashCode is randomised per process; FNV-1a keeps seeds stable across runs.
    private static int StableSeed(int seed, string id)
    {
        unchecked
        {
            var hash = 2166136261u ^ (uint)seed;
            foreach (var ch in id)
            {
                hash = (hash ^ ch) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
