using System.Text;
using System.Text.Json;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Tests.Text;

public class ByteLevelBpeLoaderTests
{
    // GPT-2 byte alphabet, built independently of the production table: printable bytes keep their char, the rest shift past 255.
    private static char ByteChar(int b)
    {
        var next = 256;
        for (var i = 0; i < 256; i++)
        {
            var printable = (i >= 33 && i <= 126) || (i >= 161 && i <= 172) || (i >= 174 && i <= 255);
            if (i == b)
            {
                return printable ? (char)i : (char)next;
            }
            if (!printable)
            {
                next++;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(b));
    }

    // Vocab: byte b has id b; "he"=256, "ll"=257, "hell"=258, "Ġw"=259; added "<|endoftext|>"=260, "<|im_end|>"=261.
    private static string TokenizerJson(bool arrayMerges, string? preTokenizer = null)
    {
        var vocab = new Dictionary<string, int>();
        for (var b = 0; b < 256; b++)
        {
            vocab[ByteChar(b).ToString()] = b;
        }
        vocab["he"] = 256;
        vocab["ll"] = 257;
        vocab["hell"] = 258;
        vocab["Ġw"] = 259;
        var pairs = new[] { ("h", "e"), ("l", "l"), ("he", "ll"), ("Ġ", "w") };
        object merges = arrayMerges ? pairs.Select(p => new[] { p.Item1, p.Item2 }).ToArray() : pairs.Select(p => p.Item1 + " " + p.Item2).ToArray();
        var json = new Dictionary<string, object?>
        {
            ["version"] = "1.0",
            ["added_tokens"] = new object[]
            {
                new { id = 260, content = "<|endoftext|>", special = true },
                new { id = 261, content = "<|im_end|>", special = true },
            },
            ["normalizer"] = null,
            ["pre_tokenizer"] = preTokenizer is null
                ? new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true }
                : JsonSerializer.Deserialize<JsonElement>(preTokenizer),
            ["decoder"] = new { type = "ByteLevel" },
            ["model"] = new { type = "BPE", vocab, merges },
        };
        return JsonSerializer.Serialize(json);
    }

    private static HuggingFaceTokenizer Load(TempFolder folder, bool arrayMerges = false, string? preTokenizer = null)
    {
        folder.Write("tokenizer.json", TokenizerJson(arrayMerges, preTokenizer));
        folder.Write("tokenizer_config.json", """{"eos_token": "<|im_end|>", "pad_token": {"content": "<|endoftext|>"}, "bos_token": null}""");
        folder.Write("generation_config.json", """{"eos_token_id": [261, 260]}""");
        return HuggingFaceTokenizer.FromFolder(folder.Path);
    }

    [Fact]
    public void An_explicit_null_bos_token_means_no_bos_whatever_config_json_says()
    {
        // Qwen2.5: tokenizer_config.json has "bos_token": null while config.json keeps the
        // pre-training bos_token_id; prompts must not start with that token (TRL and HF add none).
        using var folder = new TempFolder();
        folder.Write("config.json", """{"bos_token_id": 260, "eos_token_id": 261}""");
        var tokenizer = Load(folder);
        Assert.Null(tokenizer.BeginOfSequenceId);

        using var other = new TempFolder();
        other.Write("tokenizer.json", TokenizerJson(false, null));
        other.Write("tokenizer_config.json", """{"eos_token": "<|im_end|>"}""");
        other.Write("config.json", """{"bos_token_id": 260, "eos_token_id": 261}""");
        Assert.Equal(260, HuggingFaceTokenizer.FromFolder(other.Path).BeginOfSequenceId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Merges_apply_in_either_json_form(bool arrayMerges)
    {
        using var folder = new TempFolder();
        var tokenizer = Load(folder, arrayMerges);

        Assert.Equal(TokenizerKind.ByteLevelBpe, tokenizer.Kind);
        // h e l l o -> he l l o -> he ll o -> hell o
        Assert.Equal(new[] { 258, 'o' }, tokenizer.Encode("hello"));
        // GPT-2 split: "hello", " world"; " w" merges to Ġw.
        Assert.Equal(new[] { 258, 'o', 259, 'o', 'r', 'l', 'd' }, tokenizer.Encode("hello world"));
        Assert.Equal("hello world", tokenizer.Decode(tokenizer.Encode("hello world")));
    }

    [Fact]
    public void Special_tokens_map_to_their_ids_and_are_skipped_on_request()
    {
        using var folder = new TempFolder();
        var tokenizer = Load(folder);

        var ids = tokenizer.Encode("hi<|im_end|>\n<|endoftext|>");
        Assert.Equal(new[] { 'h', 'i', 261, '\n', 260 }, ids);
        Assert.Equal("hi\n", tokenizer.Decode(ids));
        Assert.Equal("hi<|im_end|>\n<|endoftext|>", tokenizer.Decode(ids, skipSpecialTokens: false));
    }

    [Fact]
    public void Special_ids_come_from_the_config_files()
    {
        using var folder = new TempFolder();
        var tokenizer = Load(folder);

        Assert.Null(tokenizer.BeginOfSequenceId);
        Assert.Equal(261, tokenizer.EndOfSequenceId);
        Assert.Equal(260, tokenizer.PaddingId);
        Assert.Equal(new[] { 261, 260 }, tokenizer.EndOfSequenceIds);
        Assert.Equal(262, tokenizer.VocabularySize);
        Assert.Throws<InvalidOperationException>(() => tokenizer.Encode("x", addBeginOfSequence: true));
    }

    [Theory]
    [InlineData("naïve café ☃ 日本")]
    [InlineData("an edge between node 0 and node 1 with weight 3,\nQ: Give the shortest path from node 0 to node 4.\nA:")]
    [InlineData("  two  spaces\t\ttabs\r\n")]
    [InlineData("emoji 🙂 and 'quotes' they're")]
    public void Any_text_round_trips(string text)
    {
        using var folder = new TempFolder();
        var tokenizer = Load(folder);

        var ids = tokenizer.Encode(text);
        Assert.Equal(text, tokenizer.Decode(ids));
        // Without merges for these characters, each UTF-8 byte is one token, except merged pairs.
        Assert.True(ids.Count <= Encoding.UTF8.GetByteCount(text));
    }

    [Fact]
    public void Split_regex_pre_tokenizer_in_a_sequence_is_used()
    {
        // Qwen2 / Llama 3 layout: Split(regex) then ByteLevel(use_regex=false). This regex splits every character apart, so no merge can apply.
        const string pre = """{"type":"Sequence","pretokenizers":[{"type":"Split","pattern":{"Regex":"."},"behavior":"Isolated","invert":false},{"type":"ByteLevel","add_prefix_space":false,"use_regex":false}]}""";
        using var folder = new TempFolder();
        var tokenizer = Load(folder, preTokenizer: pre);

        Assert.Equal(new int[] { 'h', 'e', 'l', 'l', 'o' }, tokenizer.Encode("hello"));
    }

    [Fact]
    public void Malformed_merge_is_reported_with_file_and_index()
    {
        using var folder = new TempFolder();
        var json = TokenizerJson(arrayMerges: false).Replace("\"l l\"", "\"ll\"", StringComparison.Ordinal);
        folder.Write("tokenizer.json", json);

        var ex = Assert.Throws<InvalidDataException>(() => HuggingFaceTokenizer.FromFolder(folder.Path));
        Assert.Contains("tokenizer.json", ex.Message);
        Assert.Contains("model.merges[1]", ex.Message);
    }

    [Fact]
    public void Unknown_eos_token_names_the_field()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.json", TokenizerJson(arrayMerges: false));
        folder.Write("tokenizer_config.json", """{"eos_token": "</s>"}""");

        var ex = Assert.Throws<InvalidDataException>(() => HuggingFaceTokenizer.FromFolder(folder.Path));
        Assert.Contains("eos_token", ex.Message);
        Assert.Contains("</s>", ex.Message);
    }

    [Fact]
    public void Missing_eos_everywhere_is_an_error()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.json", TokenizerJson(arrayMerges: false));

        var ex = Assert.Throws<InvalidDataException>(() => HuggingFaceTokenizer.FromFolder(folder.Path));
        Assert.Contains("eos_token", ex.Message);
    }

    [Fact]
    public void Folder_without_tokenizer_files_is_reported()
    {
        using var folder = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => HuggingFaceTokenizer.FromFolder(folder.Path));
        Assert.Throws<DirectoryNotFoundException>(() => HuggingFaceTokenizer.FromFolder(Path.Combine(folder.Path, "nope")));
    }

    [Fact]
    public void SentencePiece_style_tokenizer_json_without_model_file_is_reported()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.json", """{"model":{"type":"BPE","vocab":{"a":0},"merges":[]},"pre_tokenizer":{"type":"Metaspace"},"decoder":{"type":"Metaspace"}}""");

        var ex = Assert.Throws<InvalidDataException>(() => HuggingFaceTokenizer.FromFolder(folder.Path));
        Assert.Contains("not byte-level BPE", ex.Message);
        Assert.Contains("tokenizer.model", ex.Message);
    }

    [Fact]
    public void Ids_outside_the_vocabulary_are_rejected_on_decode()
    {
        using var folder = new TempFolder();
        var tokenizer = Load(folder);
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([262]));
    }

    [Fact]
    public void Nfc_normalizer_composes_before_encoding()
    {
        using var folder = new TempFolder();
        var json = TokenizerJson(arrayMerges: true).Replace("\"normalizer\":null", "\"normalizer\":{\"type\":\"NFC\"}", StringComparison.Ordinal);
        Assert.Contains("NFC", json);
        folder.Write("tokenizer.json", json);
        folder.Write("tokenizer_config.json", """{"eos_token": "<|im_end|>"}""");
        var tokenizer = HuggingFaceTokenizer.FromFolder(folder.Path);

        Assert.Equal(System.Text.NormalizationForm.FormC, tokenizer.UnicodeNormalization);
        if (!HuggingFaceTokenizer.NormalizationAvailable)
        {
            // InvariantGlobalization (as this repository builds): no ICU, so the text passes unchanged.
            Assert.Equal(new[] { 'e', 0xCC, 0x81 }, tokenizer.Encode("e\u0301"));
            return;
        }
        // "e" + combining acute (U+0301) becomes U+00E9, two UTF-8 bytes C3 A9.
        Assert.Equal(new[] { 0xC3, 0xA9 }, tokenizer.Encode("e\u0301"));
        Assert.Equal("\u00e9", tokenizer.Decode(tokenizer.Encode("e\u0301")));
    }

    [Fact]
    public void ChatML_prompt_encodes_markers_to_single_ids()
    {
        using var folder = new TempFolder();
        var tokenizer = Load(folder);

        var prompt = new ChatMLChatTemplate().FormatPrompt([new(Microsoft.Extensions.AI.ChatRole.User, "hello")]);
        Assert.Equal("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", prompt);
        // <|im_start|> is not an added token of this file, so it stays text; <|im_end|> is one id.
        var ids = tokenizer.Encode(prompt);
        Assert.Equal(1, ids.Count(id => id == 261));
        Assert.Equal(prompt, tokenizer.Decode(ids, skipSpecialTokens: false));
    }

    [Theory]
    [InlineData(false, new[] { 258, 'o', 259, 'o', 'r', 'l', 'd' })]
    [InlineData(true, new[] { 262, 259, 'o', 'r', 'l', 'd' })]
    public void Ignore_merges_emits_whole_vocabulary_words(bool ignoreMerges, int[] expected)
    {
        // "hello" (id 262) is in the vocabulary but no merge builds it: only ignore_merges (Llama 3) reaches it.
        var json = JsonSerializer.Deserialize<System.Text.Json.Nodes.JsonObject>(TokenizerJson(arrayMerges: false))!;
        json["model"]!["vocab"]!["hello"] = 262;
        json["model"]!["ignore_merges"] = ignoreMerges;
        using var folder = new TempFolder();
        folder.Write("tokenizer.json", json.ToJsonString());
        folder.Write("tokenizer_config.json", """{"eos_token": "<|im_end|>"}""");
        var tokenizer = HuggingFaceTokenizer.FromFolder(folder.Path);

        Assert.Equal(expected, tokenizer.Encode("hello world"));
        Assert.Equal("hello world", tokenizer.Decode(expected));
    }

    [Fact]
    public void Eos_id_outside_the_vocabulary_is_reported()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.json", TokenizerJson(arrayMerges: false));
        folder.Write("tokenizer_config.json", """{"eos_token": "<|im_end|>"}""");
        folder.Write("generation_config.json", """{"eos_token_id": [261, 999]}""");

        var ex = Assert.Throws<InvalidDataException>(() => HuggingFaceTokenizer.FromFolder(folder.Path));
        Assert.Contains("999", ex.Message);
    }
}
