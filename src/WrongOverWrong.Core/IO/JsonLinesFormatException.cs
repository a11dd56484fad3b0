namespace WrongOverWrong.IO;

/// <summary>
/// A line of a JSON Lines file that is malformed or lacks a required field. The message reads
/// "file:line: field 'x' missing" so the bad record can be found and fixed.
/// </summary>
public sealed class JsonLinesFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file read.</param>
    /// <param name="lineNumber">The 1-based line number.</param>
    /// <param name="field">The field at fault, or <see langword="null"/> when the whole line is malformed.</param>
    /// <param name="problem">What is wrong ("missing", "must be a number", ...).</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public JsonLinesFormatException(string filePath, long lineNumber, string? field, string problem, Exception? innerException = null)
        : base(field is null ? $"{filePath}:{lineNumber}: {problem}" : $"{filePath}:{lineNumber}: field '{field}' {problem}", innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Field = field;
    }

    /// <summary>The file read.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line number of the bad record.</summary>
    public long LineNumber { get; }

    /// <summary>The field at fault (dotted path such as <c>candidates[2].response</c>), or <see langword="null"/>.</summary>
    public string? Field { get; }
}
