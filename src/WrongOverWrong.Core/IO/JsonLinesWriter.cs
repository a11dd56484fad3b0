using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WrongOverWrong.IO;

/// <summary>
/// Writes records to a JSON Lines file one line at a time, flushing after each, so a crash loses
/// at most the line in progress and a resumed run can append to the same file. Safe to call from
/// several tasks at once (writes are serialised).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class JsonLinesWriter<T> : IAsyncDisposable, IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Data files, not HTML: keep non-ASCII text and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly FileStream _stream;
    private readonly Action<Utf8JsonWriter, T> _write;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal JsonLinesWriter(string path, bool append, Action<Utf8JsonWriter, T> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _write = write;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _stream = new FileStream(path, append ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        if (append)
        {
            RepairedPartialLineBytes = DropPartialLastLine(_stream);
            _stream.Seek(0, SeekOrigin.End);
        }
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Lines written by this writer.</summary>
    public long LinesWritten { get; private set; }

    /// <summary>
    /// When appending: the number of bytes of an unterminated last line (left by a crash mid-write)
    /// that were cut off before appending; 0 when the file ended cleanly. Reported, never silent.
    /// </summary>
    public long RepairedPartialLineBytes { get; }

    /// <summary>Writes one record as one line and flushes it to the operating system.</summary>
    /// <param name="item">The record.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task WriteAsync(T item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _buffer.Clear();
            using (var writer = new Utf8JsonWriter(_buffer, WriterOptions))
            {
                _write(writer, item);
            }

            _buffer.Write("\n"u8);
            cancellationToken.ThrowIfCancellationRequested();

            // One small write per line straight into the OS page cache: a synchronous write
            // costs microseconds, where an async file write per line costs tens of them (a
            // million-line export would take minutes). The gate above stays asynchronous.
            _stream.Write(_buffer.WrittenSpan);
            _stream.Flush();
            LinesWritten++;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes every record, one line each.</summary>
    /// <param name="items">The records.</param>
    /// <param name="cancellationToken">Cancels writing; lines already written stay.</param>
    public async Task WriteAllAsync(IEnumerable<T> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            await WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes every record of a stream as it arrives, one line each.</summary>
    /// <param name="items">The records.</param>
    /// <param name="cancellationToken">Cancels writing; lines already written stay.</param>
    public async Task WriteAllAsync(IAsyncEnumerable<T> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        _gate.Dispose();
    }

    private static long DropPartialLastLine(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return 0;
        }

        // Walk back from the end to the last newline; everything after it is an unfinished line.
        var chunk = new byte[4096];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - chunk.Length);
            var count = (int)(end - start);
            stream.Seek(start, SeekOrigin.Begin);
            stream.ReadExactly(chunk, 0, count);
            var newline = Array.LastIndexOf(chunk, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                var keep = start + newline + 1;
                stream.SetLength(keep);
                return length - keep;
            }

            end = start;
        }

        stream.SetLength(0);
        return length;
    }
}
