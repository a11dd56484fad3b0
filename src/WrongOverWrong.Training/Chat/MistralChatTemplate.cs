using System.Text;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Training.Chat;

/// <summary>
/// Mistral 7B Instruct v0.1 / v0.2 (mistral_common's V1 format, which the Hub templates follow):
/// <c>&lt;s&gt; [INST] {system}\n\n{user} [/INST] {assistant}&lt;/s&gt; [INST] {user} [/INST]</c>;
/// the system message is put in front of the first user message.
/// </summary>
public sealed class MistralChatTemplate : IChatTemplate
{
    /// <inheritdoc />
    public string EndOfTurn => "</s>";

    /// <inheritdoc />
    public IReadOnlyList<string> StopTokens { get; } = ["</s>"];

    /// <inheritdoc />
    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        var (system, turns) = ChatTurns.SplitAlternating(ChatTurns.Read(messages, "Mistral", ChatRole.System, ChatRole.User, ChatRole.Assistant), "Mistral");
        var builder = new StringBuilder("<s>");
        for (var i = 0; i < turns.Count; i++)
        {
            if (turns[i].Role == ChatRole.User)
            {
                builder.Append(" [INST] ");
                if (i == 0 && system is not null)
                {
                    builder.Append(system).Append("\n\n");
                }
                builder.Append(turns[i].Text).Append(" [/INST]");
            }
            else
            {
                builder.Append(' ').Append(turns[i].Text).Append("</s>");
            }
        }
        return builder.ToString();
    }
}
