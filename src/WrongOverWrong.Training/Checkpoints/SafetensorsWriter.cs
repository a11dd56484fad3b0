using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Checkpoints;

/// <summary>
/// Writes tensors in the safetensors layout the Hugging Face tools read: keys sorted, header padded
/// with spaces to a multiple of 8 bytes so data is aligned, tensor bytes packed back to back.
/// The file is written next to its target and moved into place, so a crash never leaves half a file.
/// </summary>
public static class SafetensorsWriter
{
    private const int ChunkBytes = 64 << 20;

    /// <summary>Writes <paramref name="tensors"/> (any device; copied to CPU one at a time) to <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">Names and tensors; names must be unique and not <c>__metadata__</c>.</param>
    /// <param name="metadata">Optional <c>__metadata__</c> strings (Hugging Face writes <c>format: pt</c>).</param>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var ordered = new SortedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, Tensor tensor) in tensors)
        {
            if (name == "__metadata__" || !ordered.TryAdd(name, tensor))
            {
                throw new ArgumentException($"Tensor name '{name}' is reserved or repeated.", nameof(tensors));
            }
        }

        byte[] header = BuildHeader(ordered, metadata);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> length = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (Tensor tensor in ordered.Values)
            {
                WriteData(stream, tensor);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] BuildHeader(SortedDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach ((string key, string value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach ((string name, Tensor tensor) in tensors)
            {
                long bytes = tensor.numel() * SafetensorsDType.SizeOf(tensor.dtype);
                json.WriteStartObject(name);
                json.WriteString("dtype", SafetensorsDType.NameOf(tensor.dtype));
                json.WriteStartArray("shape");
                foreach (long dim in tensor.shape)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            json.WriteEndObject();
        }

        int padded = (int)((buffer.Length + 7) / 8 * 8);
        while (buffer.Length < padded)
        {
            buffer.WriteByte((byte)' ');
        }

        return buffer.ToArray();
    }

    private static void WriteData(Stream stream, Tensor tensor)
    {
        long count = tensor.numel();
        if (count == 0)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        Tensor flat = tensor.detach().to(torch.CPU).contiguous().view(-1);
        int elementSize = SafetensorsDType.SizeOf(tensor.dtype);
        long chunkElements = Math.Max(1, ChunkBytes / elementSize);
        for (long start = 0; start < count; start += chunkElements)
        {
            long length = Math.Min(chunkElements, count - start);
            using Tensor piece = flat.narrow(0, start, length);
            stream.Write(piece.bytes);
        }
    }
}
