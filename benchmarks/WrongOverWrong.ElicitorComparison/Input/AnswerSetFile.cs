using System.Text.Json;
using WrongOverWrong.IO;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.ElicitorComparison.Input;

/// <summary>
/// Reads one answer set JSONL file the pipeline wrote. Graded files (train-graded.jsonl) are read as
/// they are; ungraded ones (eval-answers/*.jsonl, transfer-answers/*.jsonl, train-answers.jsonl) are
/// graded here with the task each question names, under the grading rule of the run's manifest.json,
/// so the gold order is the one the pipeline itself used.
/// </summary>
public static class AnswerSetFile
{
    /// <summary>Reads and, where needed, grades the answer sets of <paramref name="path"/>.</summary>
    /// <param name="path">A JSONL file of answer sets, one question per line.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="JsonLinesFormatException">A line is malformed (the file, line and field are named).</exception>
    /// <exception cref="InvalidDataException">A question names a task this library does not know.</exception>
    public static async Task<IReadOnlyList<GradedAnswerSet>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such answer set file.", path);
        }

        var sets = new List<GradedAnswerSet>();
        if (await IsGradedAsync(path, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var set in AnswerSetJsonLines.ReadGradedAsync(path, cancellationToken).ConfigureAwait(false))
            {
                sets.Add(set);
            }

            return sets;
        }

        var registry = TaskRegistry.CreateDefault(GradingRuleOf(path));
        var line = 0;
        await foreach (var set in AnswerSetJsonLines.ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            line++;
            if (!registry.TryGet(set.Question.Task, out var task))
            {
                throw new InvalidDataException($"{path}:{line}: question '{set.Question.Id}' names the task '{set.Question.Task}', which has no oracle here (known: {string.Join(", ", registry.Names)}).");
            }

            sets.Add(task.GradeAll(set));
        }

        return sets;
    }

    // A graded file carries a grade on every candidate; the first non-empty line decides, since the
    // pipeline writes a file either all graded or not at all.
    private static async Task<bool> IsGradedAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                return text.Contains("\"grade\"", StringComparison.Ordinal);
            }
        }

        return false;
    }

    // The pipeline records its grading rule in manifest.json beside (or one folder above) the file;
    // without a manifest the paper's rule applies, as it does in the pipeline.
    private static GradingRule GradingRuleOf(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        for (var depth = 0; folder is not null && depth < 2; depth++, folder = Path.GetDirectoryName(folder))
        {
            var manifest = Path.Combine(folder, "manifest.json");
            if (!File.Exists(manifest))
            {
                continue;
            }

            try
            {
                var settings = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(manifest));
                if (settings is not null && settings.TryGetValue("GradingRule", out var rule) && rule.ValueKind == JsonValueKind.String)
                {
                    return Enum.TryParse<GradingRule>(rule.GetString(), ignoreCase: true, out var parsed)
                        ? parsed
                        : throw new InvalidDataException($"{manifest}: GradingRule '{rule.GetString()}' is not one of {string.Join(", ", Enum.GetNames<GradingRule>())}.");
                }
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{manifest}: not valid JSON ({e.Message}).", e);
            }

            return GradingRule.Paper;
        }

        return GradingRule.Paper;
    }
}
