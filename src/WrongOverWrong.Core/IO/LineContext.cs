using System.Text.Json;

namespace WrongOverWrong.IO;

/// <summary>Where a JSON value was read (file, line, field path), for errors that name all three.</summary>
internal readonly record struct LineContext(string FilePath, long LineNumber, string FieldPrefix = "")
{
    public LineContext At(string field) => this with { FieldPrefix = Name(field) };

    public JsonLinesFormatException Error(string field, string problem) => new(FilePath, LineNumber, Name(field), problem);

    public JsonLinesFormatException LineError(string problem, Exception? inner = null) => new(FilePath, LineNumber, FieldPrefix.Length == 0 ? null : FieldPrefix, problem, inner);

    public JsonElement Required(JsonElement obj, string field)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw LineError("must be a JSON object");
        }

        return obj.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw Error(field, "missing");
    }

    public JsonElement? Optional(JsonElement obj, string field)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw LineError("must be a JSON object");
        }

        return obj.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public string RequiredString(JsonElement obj, string field) => AsString(Required(obj, field), field);

    public string? OptionalString(JsonElement obj, string field) => Optional(obj, field) is { } v ? AsString(v, field) : null;

    public double RequiredDouble(JsonElement obj, string field) => AsDouble(Required(obj, field), field);

    public double? OptionalDouble(JsonElement obj, string field) => Optional(obj, field) is { } v ? AsDouble(v, field) : null;

    public int RequiredInt(JsonElement obj, string field) => AsInt(Required(obj, field), field);

    public int? OptionalInt(JsonElement obj, string field) => Optional(obj, field) is { } v ? AsInt(v, field) : null;

    public bool RequiredBool(JsonElement obj, string field)
    {
        var v = Required(obj, field);
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(field, "must be true or false"),
        };
    }

    public JsonElement RequiredArray(JsonElement obj, string field)
    {
        var v = Required(obj, field);
        return v.ValueKind == JsonValueKind.Array ? v : throw Error(field, "must be an array");
    }

    public JsonElement? OptionalArray(JsonElement obj, string field)
    {
        var v = Optional(obj, field);
        return v is null || v.Value.ValueKind == JsonValueKind.Array ? v : throw Error(field, "must be an array");
    }

    public JsonElement RequiredObject(JsonElement obj, string field)
    {
        var v = Required(obj, field);
        return v.ValueKind == JsonValueKind.Object ? v : throw Error(field, "must be an object");
    }

    public string AsString(JsonElement v, string field) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error(field, "must be a string");

    public double AsDouble(JsonElement v, string field) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : throw Error(field, "must be a number");

    public int AsInt(JsonElement v, string field) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Error(field, "must be an integer");

    private string Name(string field) => FieldPrefix.Length == 0 ? field : $"{FieldPrefix}.{field}";
}
