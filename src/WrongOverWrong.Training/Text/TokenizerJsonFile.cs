using System.Text;
using System.Text.Json;

namespace WrongOverWrong.Training.Text;

/// <summary>
/// The parts of a Hugging Face <c>tokenizer.json</c> a BPE tokenizer needs: vocabulary, merges
/// (either <c>"a b"</c> strings or <c>["a", "b"]</c> pairs), added tokens, and the pre-tokenizer,
/// normalizer and decoder settings that decide whether it is byte-level.
/// </summary>
internal sealed class TokenizerJsonFile
{
    /// <summary>GPT-2's split pattern, implied by a ByteLevel pre-tokenizer with <c>use_regex: true</c>.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public required string Path { get; init; }
    public required string ModelType { get; init; }
    public required IReadOnlyDictionary<string, int> Vocabulary { get; init; }
    public required IReadOnlyList<(string Left, string Right)> Merges { get; init; }
    public required IReadOnlyList<(string Content, int Id, bool Special)> AddedTokens { get; init; }
    public required bool IsByteLevel { get; init; }
    public string? SplitPattern { get; init; }
    public NormalizationForm? Normalization { get; init; }
    public string? UnknownToken { get; init; }

    /// <summary>model.ignore_merges (Llama 3): a pre-token found whole in the vocabulary is emitted as is, without merging.</summary>
    public bool IgnoreMerges { get; init; }

    /// <summary>Why this file is not byte-level BPE, for error messages (null when it is).</summary>
    public string? NotByteLevelReason { get; init; }

    public static TokenizerJsonFile Read(string path)
    {
        using var doc = TokenizerFolderConfig.Parse(path);
        var root = doc.RootElement;
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: field 'model' is missing or not an object.");
        }
        var type = model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "BPE";

        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var merges = new List<(string, string)>();
        string? unk = null;
        var ignoreMerges = false;
        if (type == "BPE")
        {
            if (!model.TryGetProperty("vocab", out var v) || v.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: field 'model.vocab' is missing or not an object.");
            }
            foreach (var entry in v.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id) || id < 0)
                {
                    throw new InvalidDataException($"{path}: model.vocab['{entry.Name}'] must be a non-negative integer id.");
                }
                vocab[entry.Name] = id;
            }
            if (model.TryGetProperty("merges", out var m) && m.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var merge in m.EnumerateArray())
                {
                    merges.Add(ReadMerge(merge, index++, path));
                }
            }
            ignoreMerges = model.TryGetProperty("ignore_merges", out var im) && im.ValueKind == JsonValueKind.True;
            if (model.TryGetProperty("unk_token", out var u) && u.ValueKind == JsonValueKind.String)
            {
                unk = u.GetString();
            }
        }

        var added = new List<(string, int, bool)>();
        if (root.TryGetProperty("added_tokens", out var addedTokens) && addedTokens.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var token in addedTokens.EnumerateArray())
            {
                if (token.ValueKind != JsonValueKind.Object || !token.TryGetProperty("id", out var id) || !id.TryGetInt32(out var idValue)
                    || !token.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidDataException($"{path}: added_tokens[{index}] needs an integer 'id' and a string 'content'.");
                }
                var special = token.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True;
                added.Add((content.GetString()!, idValue, special));
                index++;
            }
        }

        // Byte-level when a ByteLevel pre-tokenizer or decoder is present (Qwen2 and Llama 3 put a Split
        // regex first and ByteLevel with use_regex=false after it inside a Sequence).
        var preTokenizers = Flatten(root.TryGetProperty("pre_tokenizer", out var pre) ? pre : default, "pretokenizers").ToList();
        var byteLevelPre = preTokenizers.FirstOrDefault(p => TypeOf(p) == "ByteLevel");
        var decoderIsByteLevel = root.TryGetProperty("decoder", out var dec) && Flatten(dec, "decoders").Any(d => TypeOf(d) == "ByteLevel");
        var isByteLevel = type == "BPE" && (byteLevelPre.ValueKind == JsonValueKind.Object || decoderIsByteLevel);

        string? pattern = null;
        var split = preTokenizers.FirstOrDefault(p => TypeOf(p) == "Split");
        if (split.ValueKind == JsonValueKind.Object)
        {
            if (split.TryGetProperty("pattern", out var pat) && pat.ValueKind == JsonValueKind.Object)
            {
                if (pat.TryGetProperty("Regex", out var rx) && rx.ValueKind == JsonValueKind.String)
                {
                    pattern = rx.GetString();
                }
                else if (pat.TryGetProperty("String", out var str) && str.ValueKind == JsonValueKind.String)
                {
                    pattern = System.Text.RegularExpressions.Regex.Escape(str.GetString()!);
                }
            }
            if (pattern is null)
            {
                throw new InvalidDataException($"{path}: pre_tokenizer Split has no 'pattern.Regex' or 'pattern.String'.");
            }
            if (split.TryGetProperty("invert", out var invert) && invert.ValueKind == JsonValueKind.True)
            {
                throw new InvalidDataException($"{path}: pre_tokenizer Split with 'invert': true is not supported.");
            }
        }
        if (byteLevelPre.ValueKind == JsonValueKind.Object)
        {
            if (byteLevelPre.TryGetProperty("add_prefix_space", out var aps) && aps.ValueKind == JsonValueKind.True)
            {
                throw new InvalidDataException($"{path}: pre_tokenizer ByteLevel 'add_prefix_space': true is not supported.");
            }
            var useRegex = !byteLevelPre.TryGetProperty("use_regex", out var ur) || ur.ValueKind != JsonValueKind.False;
            if (useRegex && pattern is null)
            {
                pattern = Gpt2Pattern;
            }
        }

        NormalizationForm? normalization = null;
        string? notByteLevel = isByteLevel ? null : $"model.type is '{type}' and neither pre_tokenizer nor decoder is ByteLevel";
        if (root.TryGetProperty("normalizer", out var norm) && norm.ValueKind == JsonValueKind.Object)
        {
            foreach (var n in Flatten(norm, "normalizers"))
            {
                switch (TypeOf(n))
                {
                    case "NFC": normalization = NormalizationForm.FormC; break;
                    case "NFD": normalization = NormalizationForm.FormD; break;
                    case "NFKC": normalization = NormalizationForm.FormKC; break;
                    case "NFKD": normalization = NormalizationForm.FormKD; break;
                    default:
                        if (isByteLevel)
                        {
                            throw new InvalidDataException($"{path}: normalizer type '{TypeOf(n)}' is not supported for byte-level BPE.");
                        }
                        break;
                }
            }
        }

        return new TokenizerJsonFile
        {
            Path = path,
            ModelType = type,
            Vocabulary = vocab,
            Merges = merges,
            AddedTokens = added,
            IsByteLevel = isByteLevel,
            SplitPattern = pattern,
            Normalization = normalization,
            UnknownToken = unk,
            IgnoreMerges = ignoreMerges,
            NotByteLevelReason = notByteLevel,
        };
    }

    private static (string, string) ReadMerge(JsonElement merge, int index, string path)
    {
        if (merge.ValueKind == JsonValueKind.String)
        {
            var text = merge.GetString()!;
            var space = text.IndexOf(' ', 1);
            if (space <= 0 || space == text.Length - 1)
            {
                throw new InvalidDataException($"{path}: model.merges[{index}] '{text}' is not two tokens separated by a space.");
            }
            return (text[..space], text[(space + 1)..]);
        }
        if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2
            && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
        {
            return (merge[0].GetString()!, merge[1].GetString()!);
        }
        throw new InvalidDataException($"{path}: model.merges[{index}] must be \"a b\" or [\"a\", \"b\"].");
    }

    private static string? TypeOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    // Sequence nodes nest their children under "pretokenizers", "normalizers" or "decoders".
    private static IEnumerable<JsonElement> Flatten(JsonElement node, string childrenField)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        if (TypeOf(node) == "Sequence" && node.TryGetProperty(childrenField, out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                foreach (var inner in Flatten(child, childrenField))
                {
                    yield return inner;
                }
            }
            yield break;
        }
        yield return node;
    }
}
