using System.Text.Encodings.Web;
using System.Text.Json;
using WrongOverWrong.Training.Chat;

namespace WrongOverWrong.Training.Text;

/// <summary>
/// A byte-level BPE vocabulary learned by <see cref="ByteLevelBpeTrainer"/>. <see cref="Save"/> writes a
/// Hugging Face <c>tokenizer.json</c> and <c>tokenizer_config.json</c> next to the model weights, which
/// <see cref="HuggingFaceTokenizer.FromFolder"/> (and Python's <c>transformers</c>) read back.
/// </summary>
public sealed class ByteLevelBpeModel
{
    internal ByteLevelBpeModel(
        IReadOnlyDictionary<string, int> vocabulary,
        IReadOnlyList<(string Left, string Right)> merges,
        IReadOnlyList<string> specialTokens,
        string preTokenizerPattern)
    {
        Vocabulary = vocabulary;
        Merges = merges;
        SpecialTokens = specialTokens;
        PreTokenizerPattern = preTokenizerPattern;
    }

    /// <summary>Byte-level token strings (GPT-2 alphabet) to ids; special tokens are not in here.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <summary>Learned merges, highest priority first.</summary>
    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    /// <summary>Special tokens; the token at index i has id i (padding, bos, eos first).</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    /// <summary>The pre-tokenizer regex.</summary>
    public string PreTokenizerPattern { get; }

    /// <summary>Total number of ids.</summary>
    public int VocabularySize => SpecialTokens.Count + Vocabulary.Count;

    /// <summary>Writes <c>tokenizer.json</c> and <c>tokenizer_config.json</c> into <paramref name="directory"/> (created if missing).</summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var writerOptions = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        using (var stream = File.Create(Path.Combine(directory, "tokenizer.json")))
        using (var w = new Utf8JsonWriter(stream, writerOptions))
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteNull("truncation");
            w.WriteNull("padding");
            w.WriteStartArray("added_tokens");
            for (var id = 0; id < SpecialTokens.Count; id++)
            {
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteString("content", SpecialTokens[id]);
                w.WriteBoolean("single_word", false);
                w.WriteBoolean("lstrip", false);
                w.WriteBoolean("rstrip", false);
                w.WriteBoolean("normalized", false);
                w.WriteBoolean("special", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNull("normalizer");
            w.WriteStartObject("pre_tokenizer");
            w.WriteString("type", "Sequence");
            w.WriteStartArray("pretokenizers");
            w.WriteStartObject();
            w.WriteString("type", "Split");
            w.WriteStartObject("pattern");
            w.WriteString("Regex", PreTokenizerPattern);
            w.WriteEndObject();
            w.WriteString("behavior", "Isolated");
            w.WriteBoolean("invert", false);
            w.WriteEndObject();
            WriteByteLevel(w);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNull("post_processor");
            w.WritePropertyName("decoder");
            WriteByteLevel(w);
            w.WriteStartObject("model");
            w.WriteString("type", "BPE");
            w.WriteNull("dropout");
            w.WriteNull("unk_token");
            w.WriteNull("continuing_subword_prefix");
            w.WriteNull("end_of_word_suffix");
            w.WriteBoolean("fuse_unk", false);
            w.WriteBoolean("byte_fallback", false);
            w.WriteBoolean("ignore_merges", false);
            w.WriteStartObject("vocab");
            foreach (var (token, id) in Vocabulary.OrderBy(kv => kv.Value))
            {
                w.WriteNumber(token, id);
            }
            w.WriteEndObject();
            w.WriteStartArray("merges");
            foreach (var (left, right) in Merges)
            {
                w.WriteStartArray();
                w.WriteStringValue(left);
                w.WriteStringValue(right);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        using (var stream = File.Create(Path.Combine(directory, "tokenizer_config.json")))
        using (var w = new Utf8JsonWriter(stream, writerOptions))
        {
            w.WriteStartObject();
            w.WriteString("tokenizer_class", "PreTrainedTokenizerFast");
            w.WriteString("pad_token", SpecialTokens[0]);
            w.WriteString("bos_token", SpecialTokens[1]);
            w.WriteString("eos_token", SpecialTokens[2]);
            w.WriteBoolean("add_bos_token", false);
            w.WriteBoolean("clean_up_tokenization_spaces", false);
            w.WriteStartObject("added_tokens_decoder");
            for (var id = 0; id < SpecialTokens.Count; id++)
            {
                w.WriteStartObject(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("content", SpecialTokens[id]);
                w.WriteBoolean("special", true);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            if (SpecialTokens.SequenceEqual(TinyChatTokens.All))
            {
                w.WriteString("chat_template", TinyChatTemplate.JinjaSource);
            }
            w.WriteEndObject();
        }
    }

    /// <summary>Builds the tokenizer in memory, exactly as <see cref="HuggingFaceTokenizer.FromFolder"/> would after <see cref="Save"/>.</summary>
    public HuggingFaceTokenizer CreateTokenizer()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wow-bpe-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Going through the files keeps one code path, so what is tested is what gets saved.
            Save(directory);
            return HuggingFaceTokenizer.FromFolder(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void WriteByteLevel(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", "ByteLevel");
        w.WriteBoolean("add_prefix_space", false);
        w.WriteBoolean("trim_offsets", false);
        w.WriteBoolean("use_regex", false);
        w.WriteEndObject();
    }
}
