using System.Text;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Tests.Text;

/// <summary>
/// SentencePiece is tested on a ModelProto written byte by byte here (protobuf wire format), shaped like
/// Llama 2's: BPE, unk/bos/eos at 0/1/2, dummy prefix, whitespace escaped as ▁. Not a real Llama file.
/// </summary>
public class SentencePieceLoaderTests
{
    // Piece ids: 0 <unk>, 1 <s>, 2 </s>, then merged pieces with falling scores, then single characters.
    private static readonly (string Piece, float Score, int Type)[] Pieces =
    [
        ("<unk>", 0, 2), ("<s>", 0, 3), ("</s>", 0, 3),
        ("he", -1, 1),        // 3
        ("ll", -2, 1),        // 4
        ("hell", -3, 1),      // 5
        ("▁hell", -4, 1),     // 6
        ("▁w", -5, 1),        // 7
        ("▁", -6, 1),         // 8
        ("h", -7, 1), ("e", -8, 1), ("l", -9, 1), ("o", -10, 1), ("w", -11, 1), ("r", -12, 1), ("d", -13, 1), // 9..15
        ("[INST]", 0, 4),     // 16, user-defined
    ];

    private static byte[] ModelProto()
    {
        var model = new MemoryStream();
        foreach (var (piece, score, type) in Pieces)
        {
            var p = new MemoryStream();
            WriteString(p, 1, piece);
            WriteTag(p, 2, 5);
            p.Write(BitConverter.GetBytes(score));
            WriteVarintField(p, 3, (ulong)type);
            WriteBytes(model, 1, p.ToArray());
        }
        var trainer = new MemoryStream();
        WriteVarintField(trainer, 3, 2);                       // model_type = BPE
        WriteVarintField(trainer, 4, (ulong)Pieces.Length);    // vocab_size
        WriteVarintField(trainer, 40, 0);                      // unk_id
        WriteVarintField(trainer, 41, 1);                      // bos_id
        WriteVarintField(trainer, 42, 2);                      // eos_id
        WriteVarintField(trainer, 43, ulong.MaxValue);         // pad_id = -1
        WriteString(trainer, 45, "<unk>");
        WriteString(trainer, 46, "<s>");
        WriteString(trainer, 47, "</s>");
        WriteBytes(model, 2, trainer.ToArray());
        var normalizer = new MemoryStream();
        WriteString(normalizer, 1, "identity");
        WriteVarintField(normalizer, 3, 1);                    // add_dummy_prefix
        WriteVarintField(normalizer, 4, 0);                    // remove_extra_whitespaces
        WriteVarintField(normalizer, 5, 1);                    // escape_whitespaces
        WriteBytes(model, 3, normalizer.ToArray());
        return model.ToArray();
    }

    private static void WriteTag(Stream s, int field, int wire) => WriteVarint(s, (ulong)((field << 3) | wire));

    private static void WriteVarint(Stream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        s.WriteByte((byte)value);
    }

    private static void WriteVarintField(Stream s, int field, ulong value)
    {
        WriteTag(s, field, 0);
        WriteVarint(s, value);
    }

    private static void WriteBytes(Stream s, int field, byte[] bytes)
    {
        WriteTag(s, field, 2);
        WriteVarint(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    private static void WriteString(Stream s, int field, string text) => WriteBytes(s, field, Encoding.UTF8.GetBytes(text));

    private static HuggingFaceTokenizer Load(TempFolder folder)
    {
        folder.Write("tokenizer.model", ModelProto());
        return HuggingFaceTokenizer.FromFolder(folder.Path);
    }

    [Fact]
    public void Protobuf_model_is_sniffed_and_specials_come_from_it()
    {
        using var folder = new TempFolder();
        var tokenizer = Load(folder);

        Assert.Equal(TokenizerKind.SentencePiece, tokenizer.Kind);
        Assert.Equal(1, tokenizer.BeginOfSequenceId);
        Assert.Equal(2, tokenizer.EndOfSequenceId);
        Assert.Equal(2, tokenizer.PaddingId);
        Assert.Equal(Pieces.Length, tokenizer.VocabularySize);
    }

    [Fact]
    public void Merges_follow_piece_scores_with_a_dummy_prefix()
    {
        using var folder = new TempFolder();
        var tokenizer = Load(folder);

        // "▁hello▁world": he, ll, hell, ▁hell merge in score order; then "▁w" + o r l d.
        Assert.Equal(new[] { 6, 12, 7, 12, 14, 11, 15 }, tokenizer.Encode("hello world"));
        Assert.Equal(new[] { 1, 6, 12 }, tokenizer.Encode("hello", addBeginOfSequence: true));
        Assert.Equal("hello world", tokenizer.Decode(tokenizer.Encode("hello world")));
    }

    [Fact]
    public void Special_strings_in_text_map_to_their_ids()
    {
        using var folder = new TempFolder();
        var tokenizer = Load(folder);

        var ids = tokenizer.Encode("<s>hello</s>");
        Assert.Equal(new[] { 1, 6, 12, 2 }, ids);
        Assert.Equal("hello", tokenizer.Decode(ids));
    }

    [Fact]
    public void Garbage_model_file_is_reported_with_its_path()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.model", [0x0A, 0xFF, 0xFF, 0x01, 0x02]);

        var ex = Assert.Throws<InvalidDataException>(() => HuggingFaceTokenizer.FromFolder(folder.Path));
        Assert.Contains("tokenizer.model", ex.Message);
    }

    [Theory]
    [InlineData(true, "<s> hello", new[] { 1, 8, 6, 12 })]   // legacy: every segment gets ▁ -> "▁▁hello"
    [InlineData(false, "<s> hello", new[] { 1, 6, 12 })]     // non-legacy: the space itself is the ▁ -> "▁hello"
    [InlineData(true, "<s>hello", new[] { 1, 6, 12 })]
    [InlineData(false, "<s>hello", new[] { 1, 5, 12 })]      // non-legacy: no ▁ after a special token -> "hell" "o"
    [InlineData(false, "hello</s>", new[] { 6, 12, 2 })]     // the start of the text still gets the dummy prefix
    public void Legacy_flag_decides_the_dummy_prefix_after_special_tokens(bool legacy, string text, int[] expected)
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer_config.json", $$"""{"legacy": {{(legacy ? "true" : "false")}}}""");
        var tokenizer = Load(folder);

        Assert.Equal(expected, tokenizer.Encode(text));
    }
}
