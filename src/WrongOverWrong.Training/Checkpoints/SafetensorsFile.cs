using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Checkpoints;

/// <summary>
/// A defensive reader for the safetensors format: an 8-byte little-endian header length, a JSON
/// header, then raw little-endian tensor bytes. Every header field is checked before any tensor
/// memory is allocated (header size cap, known dtypes, non-negative dims, overflow-checked
/// shape x element size equal to the byte range, ranges inside the file and not overlapping), so a
/// corrupt or hostile file gives an <see cref="InvalidDataException"/> naming the file and entry,
/// never a crash or a huge allocation. Pickle-based formats are deliberately not supported.
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    /// <summary>The largest header accepted (the reference implementation uses the same 100 MB cap).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const int ChunkBytes = 64 << 20;
    private readonly SafeFileHandle handle;
    private readonly long dataStart;

    private SafetensorsFile(string path, SafeFileHandle handle, long dataStart, Dictionary<string, SafetensorsTensorInfo> tensors, Dictionary<string, string> metadata)
    {
        Path = path;
        this.handle = handle;
        this.dataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The file this reader holds open.</summary>
    public string Path { get; }

    /// <summary>The validated header entries by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> string map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens a file and validates its header.</summary>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    /// <exception cref="InvalidDataException">The file is not a well-formed safetensors file.</exception>
    public static SafetensorsFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Reading safetensors needs a little-endian machine.");
        }

        SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            long fileLength = RandomAccess.GetLength(handle);
            if (fileLength < 8)
            {
                throw new InvalidDataException($"{path}: {fileLength} bytes is too short for a safetensors file (the 8-byte header length is missing).");
            }

            Span<byte> lengthBytes = stackalloc byte[8];
            ReadExactly(handle, lengthBytes, 0, path);
            ulong headerLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            if (headerLength > MaxHeaderBytes)
            {
                throw new InvalidDataException($"{path}: header length {headerLength} exceeds the {MaxHeaderBytes}-byte cap.");
            }

            if ((long)headerLength > fileLength - 8)
            {
                throw new InvalidDataException($"{path}: header length {headerLength} runs past the end of the {fileLength}-byte file.");
            }

            byte[] header = new byte[headerLength];
            ReadExactly(handle, header, 8, path);
            long dataStart = 8 + (long)headerLength;
            (var tensors, var metadata) = ParseHeader(header, fileLength - dataStart, path);
            return new SafetensorsFile(path, handle, dataStart, tensors, metadata);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Parses and validates a header against the number of data bytes that follow it.</summary>
    internal static (Dictionary<string, SafetensorsTensorInfo> Tensors, Dictionary<string, string> Metadata) ParseHeader(byte[] header, long dataLength, string path)
    {
        // JsonDocument accepts invalid UTF-8 inside strings and throws only when they are read.
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            throw new InvalidDataException($"{path}: the header is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: the header is not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: the header must be a JSON object.");
            }

            var tensors = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            bool seenMetadata = false;
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    if (seenMetadata || property.Value.ValueKind != JsonValueKind.Object)
                    {
                        throw new InvalidDataException($"{path}: '__metadata__' must appear once and be an object of strings.");
                    }

                    seenMetadata = true;
                    foreach (JsonProperty item in property.Value.EnumerateObject())
                    {
                        if (item.Value.ValueKind != JsonValueKind.String || !metadata.TryAdd(item.Name, item.Value.GetString()!))
                        {
                            throw new InvalidDataException($"{path}: '__metadata__.{item.Name}' must be a string and appear once.");
                        }
                    }

                    continue;
                }

                SafetensorsTensorInfo info = ParseEntry(property, dataLength, path);
                if (!tensors.TryAdd(info.Name, info))
                {
                    throw new InvalidDataException($"{path}: tensor '{info.Name}' appears twice in the header.");
                }
            }

            long previousEnd = 0;
            string? previousName = null;
            foreach (SafetensorsTensorInfo info in tensors.Values.OrderBy(t => t.Begin).ThenBy(t => t.End))
            {
                if (info.Begin < previousEnd)
                {
                    throw new InvalidDataException($"{path}: tensor '{info.Name}' bytes [{info.Begin}, {info.End}) overlap tensor '{previousName}'.");
                }

                previousEnd = info.End;
                previousName = info.Name;
            }

            return (tensors, metadata);
        }
    }

    private static SafetensorsTensorInfo ParseEntry(JsonProperty property, long dataLength, string path)
    {
        string name = property.Name;
        JsonElement entry = property.Value;
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' must be described by an object.");
        }

        string? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        foreach (JsonProperty field in entry.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtype is null && field.Value.ValueKind == JsonValueKind.String:
                    dtype = field.Value.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(field.Value, name, "shape", path);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(field.Value, name, "data_offsets", path);
                    break;
                default:
                    throw new InvalidDataException($"{path}: tensor '{name}' has an unexpected, repeated or mistyped field '{field.Name}'.");
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' needs 'dtype', 'shape' and 'data_offsets'.");
        }

        if (!SafetensorsDType.TryParse(dtype, out ScalarType scalarType, out int elementSize))
        {
            throw new InvalidDataException($"{path}: tensor '{name}' has unsupported dtype '{dtype}' (supported: {string.Join(", ", SafetensorsDType.Names)}).");
        }

        if (offsets.Length != 2)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' field 'data_offsets' must hold exactly two numbers.");
        }

        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' bytes [{begin}, {end}) lie outside the {dataLength} data bytes of the file.");
        }

        long expected;
        try
        {
            expected = elementSize;
            foreach (long dim in shape)
            {
                expected = checked(expected * dim);
            }
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' shape [{string.Join(", ", shape)}] overflows when multiplied out.");
        }

        if (expected != end - begin)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' shape [{string.Join(", ", shape)}] x {dtype} needs {expected} bytes but data_offsets give {end - begin}.");
        }

        return new SafetensorsTensorInfo(name, dtype, scalarType, shape, begin, end);
    }

    private static long[] ReadIntegers(JsonElement element, string name, string field, string path)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > 64)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' field '{field}' must be an array of at most 64 integers.");
        }

        var values = new long[element.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0)
            {
                throw new InvalidDataException($"{path}: tensor '{name}' field '{field}' must hold non-negative integers but holds {item.GetRawText()}.");
            }

            values[i++] = value;
        }

        return values;
    }

    /// <summary>Reads one tensor into a new CPU tensor of the file's dtype.</summary>
    /// <param name="name">The tensor's key.</param>
    /// <exception cref="KeyNotFoundException">No tensor of that name.</exception>
    /// <exception cref="InvalidDataException">The file changed or was truncated after it was opened, or holds invalid booleans.</exception>
    public Tensor Read(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Tensors.TryGetValue(name, out SafetensorsTensorInfo? info))
        {
            throw new KeyNotFoundException($"{Path}: no tensor named '{name}'.");
        }

        Tensor result = torch.empty(info.Shape, dtype: info.ScalarType, device: torch.CPU);
        try
        {
            long count = result.numel();
            if (count == 0)
            {
                return result;
            }

            int elementSize = (int)(info.ByteLength / count);
            long chunkElements = Math.Max(1, ChunkBytes / elementSize);
            using Tensor flat = result.view(-1);
            for (long start = 0; start < count; start += chunkElements)
            {
                long length = Math.Min(chunkElements, count - start);
                using Tensor piece = flat.narrow(0, start, length);
                Span<byte> target = piece.bytes;
                ReadExactly(handle, target, dataStart + info.Begin + (start * elementSize), Path);
                if (info.ScalarType == ScalarType.Bool && target.ContainsAnyExcept((byte)0, (byte)1))
                {
                    throw new InvalidDataException($"{Path}: tensor '{name}' holds boolean bytes other than 0 and 1.");
                }
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset, string path)
    {
        while (buffer.Length > 0)
        {
            int read = RandomAccess.Read(handle, buffer, offset);
            if (read <= 0)
            {
                throw new InvalidDataException($"{path}: the file ended early (it changed or was truncated while being read).");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => handle.Dispose();
}
