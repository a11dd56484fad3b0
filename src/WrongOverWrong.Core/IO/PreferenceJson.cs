using System.Text.Json;

namespace WrongOverWrong.IO;

/// <summary>TRL's paired and unpaired preference shapes, plain and conversational, with our extra columns.</summary>
internal static class PreferenceJson
{
    /// <summary>How an infinite score gap is spelled (System.Text.Json's named literal).</summary>
    public const string PositiveInfinity = "Infinity";

    // Files written before the score gap was renamed call the column "margin"; both are read.
    private static double? ReadGap(JsonElement e, LineContext c)
    {
        var field = c.Optional(e, "gap") is not null ? "gap" : "margin";
        if (c.Optional(e, field) is not { } v)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String && v.GetString() == PositiveInfinity
            ? double.PositiveInfinity
            : c.AsDouble(v, field);
    }

    public static Action<Utf8JsonWriter, Preference> PairedWriter(PreferenceTextForm form) => (w, p) =>
    {
        // JSON has no NaN or infinity. A gap between a -inf log-probability and a finite one is +inf
        // (a legal gap, see ScoredPair.GapBetween) and is written as the string "Infinity"; anything
        // else non-finite is refused before the first byte, naming the record, rather than mid-line.
        if (p.Gap is { } m && !(m >= 0))
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Preference of question '{p.QuestionId}': field 'gap' is {m}; a score gap must be non-negative and not NaN, so nothing of this record was written."), nameof(p));
        }

        w.WriteStartObject();
        WriteText(w, "prompt", "user", p.Prompt, form);
        WriteText(w, "chosen", "assistant", p.Chosen, form);
        WriteText(w, "rejected", "assistant", p.Rejected, form);
        w.WriteString("questionId", p.QuestionId);
        if (p.Method is { } method)
        {
            w.WriteString("method", method);
        }

        if (p.Kind is { } kind)
        {
            w.WriteString("kind", kind.ToString());
        }

        if (p.Gap is { } gap)
        {
            if (double.IsPositiveInfinity(gap))
            {
                w.WriteString("gap", PositiveInfinity);
            }
            else
            {
                w.WriteNumber("gap", gap);
            }
        }

        w.WriteEndObject();
    };

    public static Func<JsonElement, LineContext, Preference> PairedReader(bool requireQuestionId) => (e, c) =>
    {
        PairKind? kind = null;
        if (c.OptionalString(e, "kind") is { } k)
        {
            kind = Enum.TryParse<PairKind>(k, ignoreCase: true, out var parsed)
                ? parsed
                : throw c.Error("kind", $"must be one of {string.Join(", ", Enum.GetNames<PairKind>())}");
        }

        return new Preference
        {
            QuestionId = QuestionId(e, c, requireQuestionId),
            Prompt = ReadText(e, c, "prompt", "user"),
            Chosen = ReadText(e, c, "chosen", "assistant"),
            Rejected = ReadText(e, c, "rejected", "assistant"),
            Method = c.OptionalString(e, "method"),
            Kind = kind,
            Gap = ReadGap(e, c),
        };
    };

    public static Action<Utf8JsonWriter, UnpairedPreference> UnpairedWriter(PreferenceTextForm form) => (w, p) =>
    {
        w.WriteStartObject();
        WriteText(w, "prompt", "user", p.Prompt, form);
        WriteText(w, "completion", "assistant", p.Completion, form);
        w.WriteBoolean("label", p.Label);
        w.WriteString("questionId", p.QuestionId);
        w.WriteEndObject();
    };

    public static Func<JsonElement, LineContext, UnpairedPreference> UnpairedReader(bool requireQuestionId) => (e, c) =>
        new UnpairedPreference(
            QuestionId(e, c, requireQuestionId),
            ReadText(e, c, "prompt", "user"),
            ReadText(e, c, "completion", "assistant"),
            c.RequiredBool(e, "label"));

    private static string QuestionId(JsonElement e, LineContext c, bool required) =>
        required
            ? c.RequiredString(e, "questionId")
            : c.OptionalString(e, "questionId") ?? $"{Path.GetFileName(c.FilePath)}:{c.LineNumber}";

    private static void WriteText(Utf8JsonWriter w, string field, string role, string text, PreferenceTextForm form)
    {
        if (form == PreferenceTextForm.Standard)
        {
            w.WriteString(field, text);
            return;
        }

        w.WriteStartArray(field);
        w.WriteStartObject();
        w.WriteString("role", role);
        w.WriteString("content", text);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>
    /// Reads a plain string or a message list. From a message list the last message with the
    /// expected role is taken (TRL's implicit-prompt form repeats the prompt inside chosen/rejected).
    /// </summary>
    private static string ReadText(JsonElement e, LineContext c, string field, string role)
    {
        var value = c.Required(e, field);
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw c.Error(field, "must be a string or a list of {\"role\",\"content\"} messages");
        }

        string? found = null;
        var i = 0;
        foreach (var message in value.EnumerateArray())
        {
            var mc = c.At($"{field}[{i++}]");
            if (mc.RequiredString(message, "role") == role)
            {
                found = mc.RequiredString(message, "content");
            }
        }

        return found ?? throw c.Error(field, $"has no '{role}' message");
    }
}
