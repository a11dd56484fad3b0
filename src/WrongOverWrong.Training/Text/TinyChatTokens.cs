using WrongOverWrong.Training.Chat;

namespace WrongOverWrong.Training.Text;

/// <summary>
/// Special tokens of the tiny task model's tokenizer and chat template (<see cref="TinyChatTemplate"/>).
/// They get the first ids (padding is 0) so they stay stable whatever vocabulary size is trained.
/// </summary>
public static class TinyChatTokens
{
    /// <summary>Padding (id 0).</summary>
    public const string Pad = "<pad>";

    /// <summary>Beginning of sequence (id 1).</summary>
    public const string Bos = "<bos>";

    /// <summary>End of sequence (id 2).</summary>
    public const string Eos = "<eos>";

    /// <summary>Opens a system turn.</summary>
    public const string System = "<|system|>";

    /// <summary>Opens a user turn.</summary>
    public const string User = "<|user|>";

    /// <summary>Opens an assistant turn.</summary>
    public const string Assistant = "<|assistant|>";

    /// <summary>Ends any turn.</summary>
    public const string End = "<|end|>";

    /// <summary>All of them in id order.</summary>
    public static IReadOnlyList<string> All { get; } = [Pad, Bos, Eos, System, User, Assistant, End];
}
