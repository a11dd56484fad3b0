namespace WrongOverWrong.IO;

/// <summary>
/// Answer sets as JSON Lines: one line per question, <c>{"question":{...},"candidates":[...]}</c>;
/// a <see cref="GradedAnswerSet"/> is written the same way with a <c>grade</c> on every candidate. Answer sources append a line per finished question,
/// so an interrupted run resumes by reading the ids already written.
/// </summary>
/// <remarks>
/// JSON has no infinity, so the <see cref="Grade.Unparsable"/> grade's proxy is written as
/// <c>null</c> and read back as negative infinity, and a mean log-probability of negative infinity
/// (a token of probability 0) is written as the string <c>"-Infinity"</c> and read back as such.
/// NaN anywhere, or positive infinity in a proxy or log-probability, cannot be written: the writer
/// throws an <see cref="ArgumentException"/> naming the question id, candidate index and field
/// before any byte of that line is written. On reading, <c>optionOrder</c> must be a permutation of
/// 0..n-1 for the question's n options and <c>optionIndex</c> must name one of them.
/// </remarks>
public static class AnswerSetJsonLines
{
    /// <summary>Streams the answer sets of a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="JsonLinesFormatException">A line is malformed or lacks a field (file, line and field named).</exception>
    public static IAsyncEnumerable<AnswerSet> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        JsonLinesReader.ReadAsync(path, DomainJson.ReadAnswerSet, cancellationToken);

    /// <summary>Opens a writer that writes (or, with <paramref name="append"/>, appends) one answer set per line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="append">Append to an existing file instead of replacing it (an unfinished last line is cut and reported).</param>
    public static JsonLinesWriter<AnswerSet> OpenWriter(string path, bool append = false) => new(path, append, DomainJson.WriteAnswerSet);

    /// <summary>Writes answer sets to a new file as they arrive.</summary>
    /// <param name="path">The file.</param>
    /// <param name="sets">The answer sets.</param>
    /// <param name="cancellationToken">Cancels writing; lines already written stay.</param>
    public static async Task WriteAsync(string path, IAsyncEnumerable<AnswerSet> sets, CancellationToken cancellationToken = default)
    {
        await using var writer = OpenWriter(path);
        await writer.WriteAllAsync(sets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes answer sets to a new file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="sets">The answer sets.</param>
    /// <param name="cancellationToken">Cancels writing; lines already written stay.</param>
    public static async Task WriteAsync(string path, IEnumerable<AnswerSet> sets, CancellationToken cancellationToken = default)
    {
        await using var writer = OpenWriter(path);
        await writer.WriteAllAsync(sets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams the graded answer sets of a file (every candidate must carry a grade).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="JsonLinesFormatException">A line is malformed or a candidate lacks a field or its grade (file, line and field named).</exception>
    public static IAsyncEnumerable<GradedAnswerSet> ReadGradedAsync(string path, CancellationToken cancellationToken = default) =>
        JsonLinesReader.ReadAsync(path, DomainJson.ReadGradedAnswerSet, cancellationToken);

    /// <summary>Opens a writer of graded answer sets, one per line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="append">Append to an existing file instead of replacing it (an unfinished last line is cut and reported).</param>
    public static JsonLinesWriter<GradedAnswerSet> OpenGradedWriter(string path, bool append = false) => new(path, append, DomainJson.WriteGradedAnswerSet);

    /// <summary>Writes graded answer sets to a new file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="sets">The graded answer sets.</param>
    /// <param name="cancellationToken">Cancels writing; lines already written stay.</param>
    public static async Task WriteAsync(string path, IEnumerable<GradedAnswerSet> sets, CancellationToken cancellationToken = default)
    {
        await using var writer = OpenGradedWriter(path);
        await writer.WriteAllAsync(sets, cancellationToken).ConfigureAwait(false);
    }
}
