using System.Text.Json;
using System.Text.Json.Nodes;
using WrongOverWrong.Training.Checkpoints;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// The architecture of a Llama-family decoder (Llama 2/3/3.1, Qwen2, Mistral with or without a
/// sliding window), read from and written to a Hugging Face <c>config.json</c>. Property names follow the
/// Hugging Face field names so a reader of either can find the other.
/// </summary>
public sealed record LlamaConfig
{
    /// <summary>Hugging Face <c>model_type</c>: <c>llama</c>, <c>qwen2</c> or <c>mistral</c>.</summary>
    public string ModelType { get; init; } = "llama";

    /// <summary>Vocabulary size (rows of the embedding and of the LM head).</summary>
    public required int VocabSize { get; init; }

    /// <summary>Width of the residual stream.</summary>
    public required int HiddenSize { get; init; }

    /// <summary>Width of the SwiGLU MLP.</summary>
    public required int IntermediateSize { get; init; }

    /// <summary>Number of decoder layers.</summary>
    public required int NumHiddenLayers { get; init; }

    /// <summary>Number of query heads.</summary>
    public required int NumAttentionHeads { get; init; }

    /// <summary>Number of key/value heads (grouped-query attention when smaller than the query heads).</summary>
    public required int NumKeyValueHeads { get; init; }

    /// <summary>Width of one attention head; may differ from hidden / heads (for example Gemma-style or Qwen3 configs).</summary>
    public required int HeadDim { get; init; }

    /// <summary>Epsilon of every RMSNorm.</summary>
    public double RmsNormEps { get; init; } = 1e-6;

    /// <summary>Base of the rotary frequencies.</summary>
    public double RopeTheta { get; init; } = 10000.0;

    /// <summary>Rotary scaling (Llama 3.1 <c>llama3</c>, or <c>linear</c>); null for none.</summary>
    public RopeScaling? RopeScaling { get; init; }

    /// <summary>Longest sequence the model is meant for; generation refuses to go past it.</summary>
    public int MaxPositionEmbeddings { get; init; } = 2048;

    /// <summary>
    /// Mistral's <c>sliding_window</c>: each token attends to itself and the previous
    /// <c>SlidingWindow - 1</c> tokens only; null for full causal attention (Llama, Qwen2, Mistral v0.2+).
    /// </summary>
    public int? SlidingWindow { get; init; }

    /// <summary>Whether the LM head reuses the token-embedding matrix.</summary>
    public bool TieWordEmbeddings { get; init; }

    /// <summary>Bias on the q, k and v projections (Llama <c>attention_bias</c>, always on for Qwen2).</summary>
    public bool QkvBias { get; init; }

    /// <summary>Bias on the attention output projection (Llama <c>attention_bias</c>; off for Qwen2).</summary>
    public bool OutputProjectionBias { get; init; }

    /// <summary>Bias on the MLP projections (Llama <c>mlp_bias</c>).</summary>
    public bool MlpBias { get; init; }

    /// <summary>Attention dropout used in training mode (0 for every released Llama).</summary>
    public double AttentionDropout { get; init; }

    /// <summary>Standard deviation of the random initialisation (<c>initializer_range</c>).</summary>
    public double InitializerRange { get; init; } = 0.02;

    /// <summary>Beginning-of-sequence id, when the family has one.</summary>
    public int? BosTokenId { get; init; }

    /// <summary>End-of-sequence ids (Llama 3.1 instruct lists several).</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>The dtype the checkpoint was saved in (<c>float32</c>, <c>float16</c> or <c>bfloat16</c>).</summary>
    public string TorchDtype { get; init; } = "float32";

    /// <summary>Number of query heads that share one key/value head.</summary>
    public int QueriesPerKeyValue => NumAttentionHeads / NumKeyValueHeads;

    /// <summary>
    /// A tiny random-model configuration for tests, examples and the offline default: every
    /// architectural feature can be switched on while the model stays small enough for CPU tests.
    /// </summary>
    /// <param name="vocabSize">Vocabulary size.</param>
    /// <param name="hiddenSize">Residual width.</param>
    /// <param name="layers">Number of decoder layers.</param>
    /// <param name="heads">Query heads.</param>
    /// <param name="keyValueHeads">Key/value heads (must divide <paramref name="heads"/>).</param>
    /// <param name="headDim">Head width; defaults to hidden / heads.</param>
    /// <param name="intermediateSize">MLP width; defaults to 2 x hidden.</param>
    /// <param name="tieWordEmbeddings">Share embedding and LM head.</param>
    /// <param name="qkvBias">Qwen2-style q/k/v bias.</param>
    /// <param name="ropeScaling">Optional rotary scaling.</param>
    public static LlamaConfig Tiny(
        int vocabSize = 64,
        int hiddenSize = 32,
        int layers = 2,
        int heads = 4,
        int keyValueHeads = 2,
        int? headDim = null,
        int? intermediateSize = null,
        bool tieWordEmbeddings = false,
        bool qkvBias = false,
        RopeScaling? ropeScaling = null)
    {
        var config = new LlamaConfig
        {
            ModelType = qkvBias ? "qwen2" : "llama",
            VocabSize = vocabSize,
            HiddenSize = hiddenSize,
            IntermediateSize = intermediateSize ?? 2 * hiddenSize,
            NumHiddenLayers = layers,
            NumAttentionHeads = heads,
            NumKeyValueHeads = keyValueHeads,
            HeadDim = headDim ?? hiddenSize / heads,
            RmsNormEps = 1e-6,
            RopeTheta = 10000.0,
            RopeScaling = ropeScaling,
            MaxPositionEmbeddings = 4096,
            TieWordEmbeddings = tieWordEmbeddings,
            QkvBias = qkvBias,
            BosTokenId = 1,
            EosTokenIds = [2],
        };
        config.Validate("LlamaConfig.Tiny");
        return config;
    }

    /// <summary>Reads and validates a Hugging Face <c>config.json</c>.</summary>
    /// <param name="path">Path of the file.</param>
    /// <exception cref="InvalidDataException">The file is not a supported Llama-family config; the message names the file and field.</exception>
    public static LlamaConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json = File.ReadAllText(path);
        return Parse(json, path);
    }

    /// <summary>Parses and validates the JSON text of a Hugging Face <c>config.json</c>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where the text came from, for error messages.</param>
    /// <exception cref="InvalidDataException">The text is not a supported Llama-family config.</exception>
    public static LlamaConfig Parse(string json, string source = "config.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject obj = JsonObjectText.Parse(json, source);

        var reader = new ConfigReader(obj, source);
        string modelType = reader.String("model_type", "llama");
        if (modelType is not ("llama" or "qwen2" or "mistral"))
        {
            throw new InvalidDataException($"{source}: field 'model_type' is '{modelType}'; supported are llama, qwen2 and mistral.");
        }

        string act = reader.String("hidden_act", "silu");
        if (act != "silu")
        {
            throw new InvalidDataException($"{source}: field 'hidden_act' is '{act}'; only 'silu' (SwiGLU) is supported.");
        }

        int hidden = reader.RequiredInt("hidden_size");
        int heads = reader.RequiredInt("num_attention_heads");
        bool attentionBias = reader.Bool("attention_bias", false);
        bool qwen2 = modelType == "qwen2";

        // Newer transformers versions nest the rope settings in rope_parameters.
        JsonObject? ropeParameters = obj["rope_parameters"] as JsonObject;
        double ropeTheta = ropeParameters is not null
            ? new ConfigReader(ropeParameters, source + ": rope_parameters").Double("rope_theta", reader.Double("rope_theta", 10000.0))
            : reader.Double("rope_theta", 10000.0);
        RopeScaling? scaling = ParseRopeScaling(obj["rope_scaling"] as JsonObject ?? ropeParameters, obj["rope_scaling"] is JsonObject ? "rope_scaling" : "rope_parameters", source);

        // Mistral v0.1 attends within a window; Qwen2 configs carry a sliding_window that applies only
        // with use_sliding_window, and then only to some layers (max_window_layers), which is not built.
        int? slidingWindow = modelType == "mistral" ? reader.OptionalInt("sliding_window") : null;
        if (qwen2 && reader.Bool("use_sliding_window", false))
        {
            throw new InvalidDataException($"{source}: field 'use_sliding_window' is true; Qwen2's per-layer sliding-window attention is not supported.");
        }

        string dtype = obj.ContainsKey("torch_dtype") ? reader.String("torch_dtype", "float32") : reader.String("dtype", "float32");

        var config = new LlamaConfig
        {
            ModelType = modelType,
            VocabSize = reader.RequiredInt("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = reader.RequiredInt("intermediate_size"),
            NumHiddenLayers = reader.RequiredInt("num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = reader.Int("num_key_value_heads", heads),
            HeadDim = reader.Int("head_dim", heads > 0 ? hidden / heads : 0),
            RmsNormEps = reader.Double("rms_norm_eps", 1e-6),
            RopeTheta = ropeTheta,
            RopeScaling = scaling,
            MaxPositionEmbeddings = reader.Int("max_position_embeddings", 2048),
            TieWordEmbeddings = reader.Bool("tie_word_embeddings", false),
            SlidingWindow = slidingWindow,
            QkvBias = qwen2 || attentionBias,
            OutputProjectionBias = !qwen2 && attentionBias,
            MlpBias = reader.Bool("mlp_bias", false),
            AttentionDropout = reader.Double("attention_dropout", 0.0),
            InitializerRange = reader.Double("initializer_range", 0.02),
            BosTokenId = reader.OptionalInt("bos_token_id"),
            EosTokenIds = reader.IntOrIntList("eos_token_id"),
            TorchDtype = dtype,
        };
        config.Validate(source);
        return config;
    }

    private static RopeScaling? ParseRopeScaling(JsonObject? node, string field, string source)
    {
        if (node is null)
        {
            return null;
        }

        var reader = new ConfigReader(node, $"{source}: {field}");
        string type = node.ContainsKey("rope_type") ? reader.String("rope_type", "default") : reader.String("type", "default");
        switch (type)
        {
            case "default":
                return null;
            case "linear":
                return new RopeScaling("linear", reader.RequiredDouble("factor"));
            case "llama3":
                return new RopeScaling(
                    "llama3",
                    reader.RequiredDouble("factor"),
                    reader.RequiredDouble("low_freq_factor"),
                    reader.RequiredDouble("high_freq_factor"),
                    reader.RequiredInt("original_max_position_embeddings"));
            default:
                throw new InvalidDataException($"{source}: field '{field}.rope_type' is '{type}'; supported are default, linear and llama3.");
        }
    }

    /// <summary>Checks that the numbers describe a buildable model.</summary>
    /// <param name="source">Where the config came from, for error messages.</param>
    /// <exception cref="InvalidDataException">A field is out of range; the message names it.</exception>
    public void Validate(string source = "config")
    {
        static void Positive(string source, string field, long value)
        {
            if (value <= 0)
            {
                throw new InvalidDataException($"{source}: field '{field}' must be positive but is {value}.");
            }
        }

        Positive(source, "vocab_size", VocabSize);
        Positive(source, "hidden_size", HiddenSize);
        Positive(source, "intermediate_size", IntermediateSize);
        Positive(source, "num_hidden_layers", NumHiddenLayers);
        Positive(source, "num_attention_heads", NumAttentionHeads);
        Positive(source, "num_key_value_heads", NumKeyValueHeads);
        Positive(source, "head_dim", HeadDim);
        Positive(source, "max_position_embeddings", MaxPositionEmbeddings);
        if (HeadDim % 2 != 0)
        {
            throw new InvalidDataException($"{source}: field 'head_dim' must be even for rotary embeddings but is {HeadDim}.");
        }

        if (SlidingWindow is { } window && window <= 0)
        {
            throw new InvalidDataException($"{source}: field 'sliding_window' must be positive or null but is {window}.");
        }

        if (SlidingWindow is not null && ModelType != "mistral")
        {
            throw new InvalidDataException($"{source}: field 'sliding_window' is supported for model_type mistral only, not {ModelType}.");
        }

        if (NumAttentionHeads % NumKeyValueHeads != 0)
        {
            throw new InvalidDataException($"{source}: field 'num_key_value_heads' ({NumKeyValueHeads}) must divide 'num_attention_heads' ({NumAttentionHeads}).");
        }

        if (!(RmsNormEps > 0) || !(RopeTheta > 0))
        {
            throw new InvalidDataException($"{source}: fields 'rms_norm_eps' and 'rope_theta' must be positive.");
        }

        if (RopeScaling is { } s && !(s.Factor > 0))
        {
            throw new InvalidDataException($"{source}: field 'rope_scaling.factor' must be positive but is {s.Factor}.");
        }

        if (RopeScaling is { RopeType: "llama3" } l && !(l.HighFrequencyFactor > l.LowFrequencyFactor && l.LowFrequencyFactor > 0 && l.OriginalMaxPositionEmbeddings > 0))
        {
            throw new InvalidDataException($"{source}: field 'rope_scaling' needs 0 < low_freq_factor < high_freq_factor and original_max_position_embeddings > 0.");
        }

        if (AttentionDropout is < 0 or >= 1)
        {
            throw new InvalidDataException($"{source}: field 'attention_dropout' must be in [0, 1) but is {AttentionDropout}.");
        }

        if (TorchDtype is not ("float32" or "float16" or "bfloat16"))
        {
            throw new InvalidDataException($"{source}: field 'torch_dtype' is '{TorchDtype}'; supported are float32, float16 and bfloat16.");
        }

        if (BosTokenId is < 0 || EosTokenIds.Any(id => id < 0))
        {
            throw new InvalidDataException($"{source}: fields 'bos_token_id' and 'eos_token_id' must be non-negative.");
        }
    }

    /// <summary>Writes the config in Hugging Face's <c>config.json</c> layout.</summary>
    public string ToJson()
    {
        var obj = new JsonObject
        {
            ["architectures"] = new JsonArray(ModelType switch { "qwen2" => "Qwen2ForCausalLM", "mistral" => "MistralForCausalLM", _ => "LlamaForCausalLM" }),
            ["model_type"] = ModelType,
            ["vocab_size"] = VocabSize,
            ["hidden_size"] = HiddenSize,
            ["intermediate_size"] = IntermediateSize,
            ["num_hidden_layers"] = NumHiddenLayers,
            ["num_attention_heads"] = NumAttentionHeads,
            ["num_key_value_heads"] = NumKeyValueHeads,
            ["head_dim"] = HeadDim,
            ["hidden_act"] = "silu",
            ["rms_norm_eps"] = RmsNormEps,
            ["rope_theta"] = RopeTheta,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["tie_word_embeddings"] = TieWordEmbeddings,
            ["mlp_bias"] = MlpBias,
            ["attention_dropout"] = AttentionDropout,
            ["initializer_range"] = InitializerRange,
            ["torch_dtype"] = TorchDtype,
        };
        if (ModelType != "qwen2")
        {
            if (QkvBias != OutputProjectionBias)
            {
                throw new InvalidOperationException("A llama/mistral config cannot express q/k/v bias without output-projection bias; use model_type qwen2.");
            }

            obj["attention_bias"] = QkvBias;
        }

        if (ModelType == "mistral")
        {
            obj["sliding_window"] = SlidingWindow;
        }
        else if (SlidingWindow is not null)
        {
            throw new InvalidOperationException($"Only model_type mistral can express a sliding window, not {ModelType}.");
        }

        obj["rope_scaling"] = RopeScaling switch
        {
            null => null,
            { RopeType: "linear" } s => new JsonObject { ["rope_type"] = "linear", ["factor"] = s.Factor },
            var s => new JsonObject
            {
                ["rope_type"] = s.RopeType,
                ["factor"] = s.Factor,
                ["low_freq_factor"] = s.LowFrequencyFactor,
                ["high_freq_factor"] = s.HighFrequencyFactor,
                ["original_max_position_embeddings"] = s.OriginalMaxPositionEmbeddings,
            },
        };
        if (BosTokenId is { } bos)
        {
            obj["bos_token_id"] = bos;
        }

        if (EosTokenIds.Count == 1)
        {
            obj["eos_token_id"] = EosTokenIds[0];
        }
        else if (EosTokenIds.Count > 1)
        {
            obj["eos_token_id"] = new JsonArray(EosTokenIds.Select(id => (JsonNode?)id).ToArray());
        }

        return obj.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads typed fields and names the field and file when one is wrong.</summary>
    private readonly struct ConfigReader(JsonObject obj, string source)
    {
        private JsonValue? Value(string field)
        {
            JsonNode? node = obj[field];
            if (node is null)
            {
                return null;
            }

            return node as JsonValue ?? throw new InvalidDataException($"{source}: field '{field}' must be a single value.");
        }

        public int RequiredInt(string field) =>
            OptionalInt(field) ?? throw new InvalidDataException($"{source}: required field '{field}' is missing.");

        public int Int(string field, int fallback) => OptionalInt(field) ?? fallback;

        public int? OptionalInt(string field)
        {
            JsonValue? value = Value(field);
            if (value is null)
            {
                return null;
            }

            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int i))
            {
                return i;
            }

            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }

            throw new InvalidDataException($"{source}: field '{field}' must be an integer but is {value.ToJsonString()}.");
        }

        public IReadOnlyList<int> IntOrIntList(string field)
        {
            JsonNode? node = obj[field];
            if (node is null)
            {
                return [];
            }

            if (node is JsonArray array)
            {
                var list = new List<int>(array.Count);
                foreach (JsonNode? item in array)
                {
                    if (item is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int id))
                    {
                        list.Add(id);
                    }
                    else
                    {
                        throw new InvalidDataException($"{source}: field '{field}' must hold integers but holds {item?.ToJsonString() ?? "null"}.");
                    }
                }

                return list;
            }

            return [RequiredInt(field)];
        }

        public double RequiredDouble(string field) =>
            OptionalDouble(field) ?? throw new InvalidDataException($"{source}: required field '{field}' is missing.");

        public double Double(string field, double fallback) => OptionalDouble(field) ?? fallback;

        private double? OptionalDouble(string field)
        {
            JsonValue? value = Value(field);
            if (value is null)
            {
                return null;
            }

            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out double d) && double.IsFinite(d))
            {
                return d;
            }

            throw new InvalidDataException($"{source}: field '{field}' must be a finite number but is {value.ToJsonString()}.");
        }

        public bool Bool(string field, bool fallback)
        {
            JsonValue? value = Value(field);
            if (value is null)
            {
                return fallback;
            }

            return value.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new InvalidDataException($"{source}: field '{field}' must be true or false but is {value.ToJsonString()}."),
            };
        }

        public string String(string field, string fallback)
        {
            JsonValue? value = Value(field);
            if (value is null)
            {
                return fallback;
            }

            return value.GetValueKind() == JsonValueKind.String
                ? value.GetValue<string>()
                : throw new InvalidDataException($"{source}: field '{field}' must be a string but is {value.ToJsonString(new JsonSerializerOptions())}.");
        }
    }
}
