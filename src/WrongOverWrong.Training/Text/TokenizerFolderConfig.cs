using System.Text.Json;

namespace WrongOverWrong.Training.Text;

/// <summary>
/// What a Hugging Face model folder says about special tokens, gathered from tokenizer_config.json,
/// config.json and generation_config.json. Every file is optional; malformed fields raise an
/// <see cref="InvalidDataException"/> naming the file and field.
/// </summary>
internal sealed class TokenizerFolderConfig
{
    public string? BosToken { get; private init; }

    /// <summary>
    /// tokenizer_config.json says <c>"bos_token": null</c> (Qwen2): the family uses no BOS, whatever
    /// <c>bos_token_id</c> config.json carries for pre-training.
    /// </summary>
    public bool BosTokenIsNull { get; private init; }
    public string? EosToken { get; private init; }
    public string? PadToken { get; private init; }
    public string? ChatTemplate { get; private init; }

    /// <summary>tokenizer_config.json <c>legacy</c> (SentencePiece Llama tokenizers); Hugging Face treats a missing value as true.</summary>
    public bool Legacy { get; private init; } = true;
    public int? BosTokenId { get; private init; }
    public IReadOnlyList<int> EosTokenIds { get; private init; } = [];
    public int? PadTokenId { get; private init; }
    public string? ModelType { get; private init; }

    /// <summary>Added tokens from tokenizer_config.json's <c>added_tokens_decoder</c> (content to id).</summary>
    public IReadOnlyDictionary<string, int> AddedTokens { get; private init; } = new Dictionary<string, int>();

    public static TokenizerFolderConfig Read(string directory)
    {
        string? bos = null, eos = null, pad = null, template = null, modelType = null;
        var legacy = true;
        var bosIsNull = false;
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        int? bosId = null, padId = null;
        var eosIds = new List<int>();

        var tokenizerConfigPath = Path.Combine(directory, "tokenizer_config.json");
        if (File.Exists(tokenizerConfigPath))
        {
            using var doc = Parse(tokenizerConfigPath);
            var root = doc.RootElement;
            bos = TokenString(root, "bos_token", tokenizerConfigPath);
            bosIsNull = root.TryGetProperty("bos_token", out var bosElement) && bosElement.ValueKind == JsonValueKind.Null;
            eos = TokenString(root, "eos_token", tokenizerConfigPath);
            pad = TokenString(root, "pad_token", tokenizerConfigPath);
            if (root.TryGetProperty("legacy", out var l) && l.ValueKind == JsonValueKind.False)
            {
                legacy = false;
            }
            if (root.TryGetProperty("chat_template", out var t) && t.ValueKind == JsonValueKind.String)
            {
                template = t.GetString();
            }
            if (root.TryGetProperty("added_tokens_decoder", out var decoder) && decoder.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in decoder.EnumerateObject())
                {
                    if (!int.TryParse(entry.Name, out var id))
                    {
                        throw new InvalidDataException($"{tokenizerConfigPath}: added_tokens_decoder key '{entry.Name}' is not an integer id.");
                    }
                    if (!entry.Value.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
                    {
                        throw new InvalidDataException($"{tokenizerConfigPath}: added_tokens_decoder['{entry.Name}'].content is missing or not a string.");
                    }
                    added[content.GetString()!] = id;
                }
            }
        }

        foreach (var name in new[] { "generation_config.json", "config.json" })
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                continue;
            }
            using var doc = Parse(path);
            var root = doc.RootElement;
            // generation_config.json is read first: it is what generation stops on (Llama 3.1 lists three ids).
            bosId ??= FirstOrNull(Ids(root, "bos_token_id", path));
            padId ??= FirstOrNull(Ids(root, "pad_token_id", path));
            foreach (var id in Ids(root, "eos_token_id", path))
            {
                if (!eosIds.Contains(id))
                {
                    eosIds.Add(id);
                }
            }
            if (modelType is null && root.TryGetProperty("model_type", out var mt) && mt.ValueKind == JsonValueKind.String)
            {
                modelType = mt.GetString();
            }
        }

        return new TokenizerFolderConfig
        {
            BosToken = bos,
            BosTokenIsNull = bosIsNull,
            EosToken = eos,
            PadToken = pad,
            ChatTemplate = template,
            Legacy = legacy,
            AddedTokens = added,
            BosTokenId = bosId,
            PadTokenId = padId,
            EosTokenIds = eosIds,
            ModelType = modelType,
        };
    }

    internal static JsonDocument Parse(string path)
    {
        try
        {
            var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                // Every reader of these files looks up fields, which throws on a non-object (found by fuzzing).
                document.Dispose();
                throw new InvalidDataException($"{path}: the top level must be a JSON object.");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
    }

    private static int? FirstOrNull(IReadOnlyList<int> ids) => ids.Count > 0 ? ids[0] : null;

    // Token fields are a string, null, or an AddedToken object {"content": "..."}.
    private static string? TokenString(JsonElement root, string field, string path)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String => c.GetString(),
            _ => throw new InvalidDataException($"{path}: field '{field}' must be a string, null or an object with a 'content' string."),
        };
    }

    // Id fields are an integer, null, or a list of integers (eos_token_id in Llama 3.1's generation_config.json).
    private static IReadOnlyList<int> Ids(JsonElement root, string field, string path)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var single))
        {
            return [single];
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            var list = new List<int>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var id))
                {
                    throw new InvalidDataException($"{path}: field '{field}' must hold integers only.");
                }
                list.Add(id);
            }
            return list;
        }
        throw new InvalidDataException($"{path}: field '{field}' must be an integer, a list of integers or null.");
    }
}
