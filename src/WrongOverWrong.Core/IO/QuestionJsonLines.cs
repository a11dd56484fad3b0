namespace WrongOverWrong.IO;

/// <summary>
/// Questions as JSON Lines: one <see cref="Question"/> per line, camelCase
/// (<c>{"id","task","prompt","options":[{"text","proxy","isCorrect"}],"goldAnswer","metadata"}</c>).
/// </summary>
public static class QuestionJsonLines
{
    /// <summary>Streams the questions of a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="JsonLinesFormatException">A line is malformed or lacks a field (file, line and field named).</exception>
    public static IAsyncEnumerable<Question> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        JsonLinesReader.ReadAsync(path, DomainJson.ReadQuestion, cancellationToken);

    /// <summary>Opens a writer that writes (or, with <paramref name="append"/>, appends) one question per line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="append">Append to an existing file instead of replacing it.</param>
    public static JsonLinesWriter<Question> OpenWriter(string path, bool append = false) => new(path, append, DomainJson.WriteQuestion);

    /// <summary>Writes all questions to a new file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="questions">The questions.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task WriteAsync(string path, IEnumerable<Question> questions, CancellationToken cancellationToken = default)
    {
        await using var writer = OpenWriter(path);
        await writer.WriteAllAsync(questions, cancellationToken).ConfigureAwait(false);
    }
}
