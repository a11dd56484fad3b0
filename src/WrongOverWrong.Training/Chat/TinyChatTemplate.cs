using System.Text;
using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Chat;

/// <summary>
/// The tiny task model's template: <c>&lt;bos&gt;</c>, then <c>&lt;|role|&gt;\n{content}&lt;|end|&gt;\n</c> per
/// message, then <c>&lt;|assistant|&gt;\n</c>. Every marker is one special token of the
/// <see cref="ByteLevelBpeTrainer"/> default vocabulary (<see cref="TinyChatTokens"/>).
/// </summary>
public sealed class TinyChatTemplate : IChatTemplate
{
    /// <summary>The same template in Jinja, saved into tokenizer_config.json so Python tools render it identically.</summary>
    public const string JinjaSource =
        "{{ bos_token }}{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + '<|end|>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";

    /// <inheritdoc />
    public string EndOfTurn => TinyChatTokens.End;

    /// <inheritdoc />
    public IReadOnlyList<string> StopTokens { get; } = [TinyChatTokens.End, TinyChatTokens.Eos];

    /// <inheritdoc />
    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        var turns = ChatTurns.Read(messages, "tiny", ChatRole.System, ChatRole.User, ChatRole.Assistant);
        var builder = new StringBuilder(TinyChatTokens.Bos);
        foreach (var (role, text) in turns)
        {
            builder.Append("<|").Append(role.Value).Append("|>\n").Append(text).Append(TinyChatTokens.End).Append('\n');
        }
        return builder.Append(TinyChatTokens.Assistant).Append('\n').ToString();
    }
}
