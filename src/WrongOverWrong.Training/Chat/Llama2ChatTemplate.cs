using System.Text;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Training.Chat;

/// <summary>
/// Llama 2 chat: <c>&lt;s&gt;[INST] &lt;&lt;SYS&gt;&gt;\n{system}\n&lt;&lt;/SYS&gt;&gt;\n\n{user} [/INST] {assistant} &lt;/s&gt;</c>,
/// each user turn opening with <c>&lt;s&gt;</c> as in meta-llama/Llama-2-*-chat-hf's template (contents stripped).
/// The prompt ends after <c>[/INST]</c>, where the answer starts.
/// </summary>
public sealed class Llama2ChatTemplate : IChatTemplate
{
    /// <inheritdoc />
    public string EndOfTurn => "</s>";

    /// <inheritdoc />
    public IReadOnlyList<string> StopTokens { get; } = ["</s>"];

    /// <inheritdoc />
    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        var (system, turns) = ChatTurns.SplitAlternating(ChatTurns.Read(messages, "Llama 2", ChatRole.System, ChatRole.User, ChatRole.Assistant), "Llama 2");
        var builder = new StringBuilder();
        for (var i = 0; i < turns.Count; i++)
        {
            var content = turns[i].Text;
            if (i == 0 && system is not null)
            {
                content = "<<SYS>>\n" + system + "\n<</SYS>>\n\n" + content;
            }
            if (turns[i].Role == ChatRole.User)
            {
                builder.Append("<s>[INST] ").Append(content.Trim()).Append(" [/INST]");
            }
            else
            {
                builder.Append(' ').Append(content.Trim()).Append(" </s>");
            }
        }
        return builder.ToString();
    }
}
