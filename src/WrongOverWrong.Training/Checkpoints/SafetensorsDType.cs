using static TorchSharp.torch;

namespace WrongOverWrong.Training.Checkpoints;

/// <summary>The safetensors dtype names we accept, their element sizes and TorchSharp types.</summary>
internal static class SafetensorsDType
{
    private static readonly Dictionary<string, (ScalarType Type, int Size)> ByName = new(StringComparer.Ordinal)
    {
        ["F64"] = (ScalarType.Float64, 8),
        ["F32"] = (ScalarType.Float32, 4),
        ["F16"] = (ScalarType.Float16, 2),
        ["BF16"] = (ScalarType.BFloat16, 2),
        ["I64"] = (ScalarType.Int64, 8),
        ["I32"] = (ScalarType.Int32, 4),
        ["I16"] = (ScalarType.Int16, 2),
        ["I8"] = (ScalarType.Int8, 1),
        ["U8"] = (ScalarType.Byte, 1),
        ["BOOL"] = (ScalarType.Bool, 1),
    };

    public static bool TryParse(string name, out ScalarType type, out int elementSize)
    {
        if (ByName.TryGetValue(name, out var entry))
        {
            type = entry.Type;
            elementSize = entry.Size;
            return true;
        }

        type = default;
        elementSize = 0;
        return false;
    }

    public static IEnumerable<string> Names => ByName.Keys;

    public static string NameOf(ScalarType type) =>
        ByName.FirstOrDefault(kv => kv.Value.Type == type).Key
        ?? throw new ArgumentException($"dtype {type} cannot be stored in safetensors by this writer.", nameof(type));

    public static int SizeOf(ScalarType type) =>
        ByName.Values.FirstOrDefault(v => v.Type == type) is { Size: > 0 } v
            ? v.Size
            : throw new ArgumentException($"dtype {type} cannot be stored in safetensors by this writer.", nameof(type));
}
