using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Chat;

/// <summary>
/// Turns a conversation into the prompt ids a model sees. Training and sampling both go through
/// here, so an aligned model is evaluated on exactly the prompt form it was trained on.
/// </summary>
public static class ChatPromptEncoder
{
    /// <summary>
    /// Renders <paramref name="messages"/> with the template (ending in the assistant header) and
    /// encodes it. The tokenizer's BOS is put first unless the template already wrote it, as TRL
    /// does; tokenizers without a BOS (Qwen2) get none.
    /// </summary>
    public static int[] Encode(ITextTokenizer tokenizer, IChatTemplate template, IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(messages);
        int[] ids = [.. tokenizer.Encode(template.FormatPrompt(messages))];
        return tokenizer.BeginOfSequenceId is int bos && (ids.Length == 0 || ids[0] != bos) ? [bos, .. ids] : ids;
    }
}
