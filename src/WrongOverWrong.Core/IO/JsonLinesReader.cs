using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace WrongOverWrong.IO;

/// <summary>Streams a JSON Lines file one record at a time, so a large file never sits in memory whole.</summary>
internal static class JsonLinesReader
{
    /// <summary>
    /// Reads every non-blank line as one JSON value and maps it. Blank lines carry no record and are
    /// passed over; any other line that is not valid JSON raises a <see cref="JsonLinesFormatException"/>.
    /// </summary>
    public static async IAsyncEnumerable<T> ReadAsync<T>(string path, Func<JsonElement, LineContext, T> map, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(map);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var context = new LineContext(path, lineNumber);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw context.LineError($"malformed JSON: {ex.Message}", ex);
            }

            using (document)
            {
                yield return map(document.RootElement, context);
            }
        }
    }
}
