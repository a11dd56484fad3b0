using System.Text;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Training.Chat;

/// <summary>
/// Zephyr style, used by TinyLlama-1.1B-Chat: <c>&lt;|role|&gt;\n{content}&lt;/s&gt;\n</c> per message, then
/// <c>&lt;|assistant|&gt;\n</c>. (The Hub template skips unknown roles silently; this one rejects them.)
/// </summary>
public sealed class ZephyrChatTemplate : IChatTemplate
{
    /// <inheritdoc />
    public string EndOfTurn => "</s>";

    /// <inheritdoc />
    public IReadOnlyList<string> StopTokens { get; } = ["</s>"];

    /// <inheritdoc />
    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        var turns = ChatTurns.Read(messages, "Zephyr", ChatRole.System, ChatRole.User, ChatRole.Assistant);
        var builder = new StringBuilder();
        foreach (var (role, text) in turns)
        {
            builder.Append("<|").Append(role.Value).Append("|>\n").Append(text).Append("</s>\n");
        }
        return builder.Append("<|assistant|>\n").ToString();
    }
}
