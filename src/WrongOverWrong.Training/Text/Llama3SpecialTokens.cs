namespace WrongOverWrong.Training.Text;

/// <summary>
/// The 256 special tokens Meta appends after the tiktoken ranks of Llama 3 (ids 128000 to 128255 for the
/// 128000-rank file), named as in Llama 3.1 and later; 3.0 names some of them reserved, but the ones
/// chat uses (begin/end of text, headers, end of turn) sit at the same ids in every 3.x release.
/// </summary>
public static class Llama3SpecialTokens
{
    /// <summary>Start of every Llama 3 sequence.</summary>
    public const string BeginOfText = "<|begin_of_text|>";

    /// <summary>End of a document (base models).</summary>
    public const string EndOfText = "<|end_of_text|>";

    /// <summary>Opens a role header.</summary>
    public const string StartHeader = "<|start_header_id|>";

    /// <summary>Closes a role header.</summary>
    public const string EndHeader = "<|end_header_id|>";

    /// <summary>Ends a chat turn (instruct models).</summary>
    public const string EndOfTurn = "<|eot_id|>";

    /// <summary>Ends a message that calls a tool (3.1 and later).</summary>
    public const string EndOfMessage = "<|eom_id|>";

    /// <summary>Builds the token-to-id map, starting at <paramref name="firstId"/> (the number of tiktoken ranks).</summary>
    public static IReadOnlyDictionary<string, int> Create(int firstId = 128000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstId);
        string[] named =
        [
            BeginOfText, EndOfText, "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
            "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>", StartHeader, EndHeader, EndOfMessage, EndOfTurn, "<|python_tag|>",
        ];
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < named.Length; i++)
        {
            map[named[i]] = firstId + i;
        }
        for (var i = named.Length; i < 256; i++)
        {
            // As in Llama 3.1's tokenizer.json: 128011 is reserved_special_token_3, ..., 128255 reserved_special_token_247.
            map[$"<|reserved_special_token_{i - named.Length + 3}|>"] = firstId + i;
        }
        return map;
    }

    /// <summary>The Llama 3 pre-tokenizer pattern (tiktoken's <c>pat_str</c> in Meta's tokenizer.py).</summary>
    public const string Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
}
