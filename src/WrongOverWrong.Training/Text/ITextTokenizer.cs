namespace WrongOverWrong.Training.Text;

/// <summary>
/// The tokenizer contract the model, samplers and trainers use. Implementations wrap
/// Microsoft.ML.Tokenizers (SentencePiece, tiktoken, byte-level BPE) or the tiny task tokenizer.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Number of token ids (including special tokens).</summary>
    int VocabularySize { get; }

    /// <summary>Beginning-of-sequence id, when the family uses one.</summary>
    int? BeginOfSequenceId { get; }

    /// <summary>End-of-sequence id.</summary>
    int EndOfSequenceId { get; }

    /// <summary>
    /// Every id that ends a sequence (Llama 3.1 instruct has three); generation stops at any of them.
    /// Defaults to <see cref="EndOfSequenceId"/> alone.
    /// </summary>
    IReadOnlyList<int> EndOfSequenceIds => [EndOfSequenceId];

    /// <summary>The id used for right padding (never attended to by real positions).</summary>
    int PaddingId { get; }

    /// <summary>Encodes text to ids. Special-token strings in <paramref name="text"/> (for example <c>&lt;|eot_id|&gt;</c>) map to their ids.</summary>
    IReadOnlyList<int> Encode(string text, bool addBeginOfSequence = false);

    /// <summary>Decodes ids to text, skipping special tokens when asked.</summary>
    string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true);
}
