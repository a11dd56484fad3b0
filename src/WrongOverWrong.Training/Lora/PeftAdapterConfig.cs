using System.Text.Json;
using System.Text.Json.Nodes;
using WrongOverWrong.Training.Checkpoints;

namespace WrongOverWrong.Training.Lora;

/// <summary>
/// Reads and writes PEFT's <c>adapter_config.json</c>. Only plain LoRA is accepted; options that would
/// change the math without us implementing them (DoRA, per-layer rank patterns, bias training,
/// modules_to_save, fan_in_fan_out) are rejected with a message naming the field, never ignored.
/// </summary>
internal static class PeftAdapterConfig
{
    public const string FileName = "adapter_config.json";
    public const string WeightsFileName = "adapter_model.safetensors";

    public static string ToJson(LoraOptions options)
    {
        JsonNode targets = options.TargetModulesPattern is not null
            ? JsonValue.Create(options.TargetModulesPattern)!
            : new JsonArray(options.TargetModules.Select(t => (JsonNode?)t).ToArray());
        var obj = new JsonObject
        {
            ["base_model_name_or_path"] = options.BaseModelNameOrPath,
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
            ["init_lora_weights"] = true,
            ["layers_pattern"] = null,
            ["layers_to_transform"] = null,
            ["lora_alpha"] = options.Alpha,
            ["lora_dropout"] = options.Dropout,
            ["modules_to_save"] = null,
            ["peft_type"] = "LORA",
            ["r"] = options.Rank,
            ["rank_pattern"] = new JsonObject(),
            ["alpha_pattern"] = new JsonObject(),
            ["revision"] = null,
            ["target_modules"] = targets,
            ["task_type"] = "CAUSAL_LM",
            ["use_dora"] = false,
            ["use_rslora"] = options.UseRsLora,
        };
        return obj.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static LoraOptions Parse(string json, string source)
    {
        JsonObject obj = JsonObjectText.Parse(json, source);

        string peftType = String(obj, "peft_type", source) ?? throw new InvalidDataException($"{source}: required field 'peft_type' is missing.");
        if (peftType != "LORA")
        {
            throw new InvalidDataException($"{source}: field 'peft_type' is '{peftType}'; only LORA is supported.");
        }

        string? task = String(obj, "task_type", source);
        if (task is not null and not "CAUSAL_LM")
        {
            throw new InvalidDataException($"{source}: field 'task_type' is '{task}'; only CAUSAL_LM is supported.");
        }

        RejectIfSet(obj, "use_dora", source, v => v.GetValueKind() == JsonValueKind.True);
        RejectIfSet(obj, "fan_in_fan_out", source, v => v.GetValueKind() == JsonValueKind.True);
        RejectIfSet(obj, "bias", source, v => v.GetValueKind() != JsonValueKind.String || v.GetValue<string>() != "none");
        RejectNonEmpty(obj, "modules_to_save", source);
        RejectNonEmpty(obj, "rank_pattern", source);
        RejectNonEmpty(obj, "alpha_pattern", source);
        RejectNonEmpty(obj, "layers_to_transform", source);

        int rank = (int)Number(obj, "r", source, required: true);
        double alpha = obj.ContainsKey("lora_alpha") ? Number(obj, "lora_alpha", source, required: true) : 8;
        double dropout = obj.ContainsKey("lora_dropout") ? Number(obj, "lora_dropout", source, required: true) : 0;
        bool rsLora = obj["use_rslora"] is JsonValue rs && rs.GetValueKind() == JsonValueKind.True;

        var options = new LoraOptions
        {
            Rank = rank,
            Alpha = alpha,
            Dropout = dropout,
            UseRsLora = rsLora,
            BaseModelNameOrPath = String(obj, "base_model_name_or_path", source),
        };
        switch (obj["target_modules"])
        {
            case JsonArray list:
                var names = new List<string>();
                foreach (JsonNode? item in list)
                {
                    names.Add(item is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        ? v.GetValue<string>()
                        : throw new InvalidDataException($"{source}: field 'target_modules' must hold strings."));
                }

                options = options with { TargetModules = names };
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                options = v.GetValue<string>() == "all-linear"
                    ? options with { TargetModules = LoraOptions.AllLinearProjections }
                    : options with { TargetModulesPattern = v.GetValue<string>() };
                break;
            default:
                throw new InvalidDataException($"{source}: field 'target_modules' must be a list of names or a regular expression.");
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }

        return options;
    }

    private static string? String(JsonObject obj, string field, string source) => obj[field] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => throw new InvalidDataException($"{source}: field '{field}' must be a string but is {other.ToJsonString()}."),
    };

    private static double Number(JsonObject obj, string field, string source, bool required)
    {
        if (obj[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && double.IsFinite(d))
        {
            return d;
        }

        if (obj[field] is null && !required)
        {
            return 0;
        }

        throw new InvalidDataException($"{source}: field '{field}' must be a number.");
    }

    private static void RejectIfSet(JsonObject obj, string field, string source, Func<JsonValue, bool> unsupported)
    {
        if (obj[field] is JsonValue v && unsupported(v))
        {
            throw new InvalidDataException($"{source}: field '{field}' is {v.ToJsonString()}, which this LoRA implementation does not support.");
        }
    }

    private static void RejectNonEmpty(JsonObject obj, string field, string source)
    {
        bool nonEmpty = obj[field] switch
        {
            null => false,
            JsonObject o => o.Count > 0,
            JsonArray a => a.Count > 0,
            _ => true,
        };
        if (nonEmpty)
        {
            throw new InvalidDataException($"{source}: field '{field}' is set ({obj[field]!.ToJsonString()}), which this LoRA implementation does not support.");
        }
    }
}
