using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>
/// Reads and writes NLGraph benchmark files: one JSON object keyed "0", "1", ..., each value with
/// <c>question</c>, <c>answer</c> and <c>difficulty</c>. Real and synthetic questions share this format.
/// </summary>
public static class NLGraphLoader
{
    /// <summary>
    /// Loads every question of a file for one NLGraph task, parsing each question's graph so a
    /// question that cannot be graded fails here, named, not later, and checking every gold answer
    /// against the exact solver (a disagreement fails the load; use the overload with
    /// <see cref="NLGraphLoadOptions"/> to count disagreements instead).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="task">One of <see cref="TaskNames.NLGraphShortestPath"/>, <see cref="TaskNames.NLGraphMaxFlow"/>, <see cref="TaskNames.NLGraphMatching"/>.</param>
    /// <param name="idPrefix">Prefix of question ids; default: the file name without extension (ids like <c>shortest_path-0</c>).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="InvalidDataException">The file is not an NLGraph object, an entry lacks a field (file, entry and field named), or a gold answer disagrees with the solver (file and question id named).</exception>
    /// <exception cref="FormatException">A question's graph cannot be parsed (the question id is named).</exception>
    public static async Task<IReadOnlyList<Question>> LoadAsync(string path, string task, string? idPrefix = null, CancellationToken cancellationToken = default)
    {
        // Stryker disable once Boolean : ConfigureAwait(true) only changes the context the rest of the method resumes on; no result depends on it.
        var result = await LoadAsync(path, task, new NLGraphLoadOptions { IdPrefix = idPrefix }, cancellationToken).ConfigureAwait(false);
        return result.Questions;
    }

    /// <summary>
    /// Loads every question of a file for one NLGraph task, parsing each question's graph and
    /// checking each gold answer against the exact solver as <see cref="NLGraphLoadOptions.GoldCheck"/> says.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="task">One of <see cref="TaskNames.NLGraphShortestPath"/>, <see cref="TaskNames.NLGraphMaxFlow"/>, <see cref="TaskNames.NLGraphMatching"/>.</param>
    /// <param name="options">Id prefix and gold-check mode.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="InvalidDataException">The file is not an NLGraph object, an entry lacks a field (file, entry and field named), or (in <see cref="NLGraphGoldCheckMode.Error"/> mode) a gold answer disagrees with the solver.</exception>
    /// <exception cref="FormatException">A question's graph cannot be parsed (the question id is named).</exception>
    public static async Task<NLGraphLoadResult> LoadAsync(string path, string task, NLGraphLoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        Func<string, string, object> parse = task switch
        {
            TaskNames.NLGraphShortestPath => ShortestPathProblem.Parse,
            TaskNames.NLGraphMaxFlow => MaxFlowProblem.Parse,
            TaskNames.NLGraphMatching => MatchingProblem.Parse,
            _ => throw new ArgumentException($"'{task}' is not an NLGraph task.", nameof(task)),
        };
        Func<Question, GoldCheck> checkGold = task switch
        {
            TaskNames.NLGraphShortestPath => new ShortestPathOracle().CheckGold,
            TaskNames.NLGraphMaxFlow => new MaxFlowOracle().CheckGold,
            _ => new MatchingOracle().CheckGold,
        };
        var prefix = options.IdPrefix ?? Path.GetFileNameWithoutExtension(path);

        JsonDocument document;
        // Stryker disable once Bitwise,Boolean : the buffer size and async flag of the file stream change speed, not the bytes read.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                // Stryker disable once Boolean : ConfigureAwait(true) only changes the resuming context.
                document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}: malformed JSON: {ex.Message}", ex);
            }
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: expected one JSON object keyed \"0\", \"1\", ...");
            }

            var questions = new List<Question>();
            var disagreements = new List<GoldCheck>();
            var checkedCount = 0;
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                var text = Field(path, entry, "question", required: true)!;
                var answer = Field(path, entry, "answer", required: true)!;
                var difficulty = Field(path, entry, "difficulty", required: false);
                var id = $"{prefix}-{entry.Name}";
                var metadata = new Dictionary<string, string> { ["source"] = Path.GetFileName(path), ["key"] = entry.Name };
                if (difficulty is not null)
                {
                    metadata["difficulty"] = difficulty;
                }

                var question = new Question { Id = id, Task = task, Prompt = text, GoldAnswer = answer, Metadata = metadata };
                if (options.GoldCheck == NLGraphGoldCheckMode.Off)
                {
                    _ = parse(id, text); // names the question id when its graph cannot be parsed
                }
                else
                {
                    // The gold check parses the graph itself (and names the question id when it cannot).
                    checkedCount++;
                    var check = checkGold(question);
                    if (!check.Agrees)
                    {
                        if (options.GoldCheck == NLGraphGoldCheckMode.Error)
                        {
                            throw new InvalidDataException($"{path}: entry '{entry.Name}': {check.Message} Load with {nameof(NLGraphGoldCheckMode)}.{nameof(NLGraphGoldCheckMode.Report)} to count disagreements instead.");
                        }

                        disagreements.Add(check);
                    }
                }

                questions.Add(question);
            }

            return new NLGraphLoadResult(questions, checkedCount, disagreements);
        }
    }

    /// <summary>
    /// Writes questions in NLGraph's file format (keys "0", "1", ... in the given order; the
    /// <c>difficulty</c> metadata, when present, is kept), so generated questions load with <see cref="LoadAsync(string, string, string, CancellationToken)"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="questions">The questions; each needs a gold answer.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task WriteAsync(string path, IEnumerable<Question> questions, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(questions);
        // Stryker disable once Bitwise,Boolean : the buffer size and async flag of the file stream change speed, not the bytes written.
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartObject();
                var key = 0;
                foreach (var q in questions)
                {
                    writer.WriteStartObject(key++.ToString(CultureInfo.InvariantCulture));
                    writer.WriteString("question", q.Prompt);
                    writer.WriteString("answer", q.GoldAnswer ?? throw new ArgumentException($"Question '{q.Id}' has no gold answer to write.", nameof(questions)));
                    if (q.Metadata?.TryGetValue("difficulty", out var difficulty) == true)
                    {
                        writer.WriteString("difficulty", difficulty);
                    }

                    writer.WriteEndObject();
                    // Stryker disable once all : flushing early only bounds memory; disposing the writer flushes whatever is pending, so the file is the same.
                    if (writer.BytesPending > 1 << 16)
                    {
                        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                writer.WriteEndObject();

                // Stryker disable once all : disposing the writer flushes too; the explicit flush honours the cancellation token.
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string? Field(string path, JsonProperty entry, string field, bool required)
    {
        if (entry.Value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: entry '{entry.Name}' must be an object");
        }

        if (!entry.Value.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new InvalidDataException($"{path}: entry '{entry.Name}': field '{field}' missing") : null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidDataException($"{path}: entry '{entry.Name}': field '{field}' must be a string");
    }
}
