using System.Text;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Tests.Text;

public class TiktokenLoaderTests
{
    // Ranks: byte b has rank b; "he"=256, "ll"=257, "hell"=258. Llama 3 specials then start at 259.
    private static byte[] RankFile()
    {
        var lines = new StringBuilder();
        for (var b = 0; b < 256; b++)
        {
            lines.Append(Convert.ToBase64String([(byte)b])).Append(' ').Append(b).Append('\n');
        }
        lines.Append(Convert.ToBase64String("he"u8.ToArray())).Append(" 256\n");
        lines.Append(Convert.ToBase64String("ll"u8.ToArray())).Append(" 257\n");
        lines.Append(Convert.ToBase64String("hell"u8.ToArray())).Append(" 258\n");
        return Encoding.ASCII.GetBytes(lines.ToString());
    }

    [Fact]
    public void Rank_file_is_sniffed_and_llama3_specials_follow_the_ranks()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.model", RankFile());
        var tokenizer = HuggingFaceTokenizer.FromFolder(folder.Path);

        Assert.Equal(TokenizerKind.Tiktoken, tokenizer.Kind);
        Assert.Equal(259 + 256, tokenizer.VocabularySize);
        Assert.Equal(259, tokenizer.BeginOfSequenceId);          // <|begin_of_text|>
        Assert.Equal(260, tokenizer.EndOfSequenceId);            // <|end_of_text|>
        Assert.Equal(259 + 9, tokenizer.TokenToId("<|eot_id|>"));
        Assert.Equal(259 + 6, tokenizer.TokenToId("<|start_header_id|>"));
        Assert.Equal(259 + 255, tokenizer.TokenToId("<|reserved_special_token_247|>"));
        Assert.Equal(258, tokenizer.TokenToId("hell"));
    }

    [Fact]
    public void Encodes_with_merges_and_specials()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.model", RankFile());
        var tokenizer = HuggingFaceTokenizer.FromFolder(folder.Path);

        var ids = tokenizer.Encode("<|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|>");
        Assert.Equal(new[] { 265, 'u', 's', 'e', 'r', 266, '\n', '\n', 258, 'o', 268 }, ids);
        Assert.Equal("user\n\nhello", tokenizer.Decode(ids));
        Assert.Equal("<|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|>", tokenizer.Decode(ids, skipSpecialTokens: false));
        Assert.Equal(new[] { 259, 258, 'o' }, tokenizer.Encode("hello", addBeginOfSequence: true));
    }

    [Theory]
    [InlineData("an edge between node 10 and node 123 with weight 7,\n")]
    [InlineData("naïve ☃ 🙂")]
    public void Round_trips(string text)
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.model", RankFile());
        var tokenizer = HuggingFaceTokenizer.FromFolder(folder.Path);
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void Config_added_tokens_replace_the_default_specials()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.model", RankFile());
        folder.Write("tokenizer_config.json", """{"added_tokens_decoder": {"259": {"content": "<bos>"}, "260": {"content": "<eos>"}}, "bos_token": "<bos>", "eos_token": "<eos>"}""");
        var tokenizer = HuggingFaceTokenizer.FromFolder(folder.Path);

        Assert.Equal(259, tokenizer.BeginOfSequenceId);
        Assert.Equal(260, tokenizer.EndOfSequenceId);
        Assert.Equal(261, tokenizer.VocabularySize);
        Assert.Null(tokenizer.TokenToId("<|eot_id|>"));
    }

    [Theory]
    [InlineData("aGVsbG8= 12\n", true)]
    [InlineData("IQ== 0\r\nIg== 1\r\n", true)]
    [InlineData("\n\x05hello", false)]
    [InlineData("aGVsbG8=12\n", false)]
    [InlineData("aGVs bG8 12\n", false)]
    public void Sniffing_tells_tiktoken_from_protobuf(string start, bool expected)
    {
        Assert.Equal(expected, HuggingFaceTokenizer.LooksLikeTiktoken(Encoding.Latin1.GetBytes(start)));
    }

    [Fact]
    public void Llama3_chat_prompt_encodes_markers_to_single_ids()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.model", RankFile());
        var tokenizer = HuggingFaceTokenizer.FromFolder(folder.Path);

        var prompt = new Llama3ChatTemplate().FormatPrompt([new(Microsoft.Extensions.AI.ChatRole.User, "hello")]);
        var ids = tokenizer.Encode(prompt);

        // <|begin_of_text|> <|start_header_id|> u s e r <|end_header_id|> \n \n hell o <|eot_id|> <|start_header_id|> a s s i s t a n t <|end_header_id|> \n \n
        int[] expected = [259, 265, 'u', 's', 'e', 'r', 266, '\n', '\n', 258, 'o', 268, 265, 'a', 's', 's', 'i', 's', 't', 'a', 'n', 't', 266, '\n', '\n'];
        Assert.Equal(expected, ids);
        Assert.Equal(prompt, tokenizer.Decode(ids, skipSpecialTokens: false));
    }
}
