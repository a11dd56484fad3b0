using System.Text;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Training.Chat;

/// <summary>
/// ChatML (Qwen2, Qwen2.5, SmolLM, SmolLM2): <c>&lt;|im_start|&gt;role\n{content}&lt;|im_end|&gt;\n</c> per message,
/// then <c>&lt;|im_start|&gt;assistant\n</c>. When the conversation has no system message, the family's
/// default one is rendered first, as the Hub templates do.
/// </summary>
public sealed class ChatMLChatTemplate : IChatTemplate
{
    /// <summary>Qwen2.5's default system prompt (model_type "qwen2").</summary>
    public const string QwenDefaultSystemPrompt = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

    /// <summary>Qwen2's (not 2.5) default system prompt.</summary>
    public const string Qwen2DefaultSystemPrompt = "You are a helpful assistant.";

    /// <summary>SmolLM2-Instruct's default system prompt.</summary>
    public const string SmolLM2DefaultSystemPrompt = "You are a helpful AI assistant named SmolLM, trained by Hugging Face";

    /// <summary>Creates the template.</summary>
    /// <param name="defaultSystemPrompt">Rendered when the conversation has no system message; null renders none (SmolLM v1).</param>
    /// <param name="endOfText">The family's end-of-text token, also a stop token (Qwen and SmolLM: <c>&lt;|endoftext|&gt;</c>).</param>
    public ChatMLChatTemplate(string? defaultSystemPrompt = null, string endOfText = "<|endoftext|>")
    {
        ArgumentException.ThrowIfNullOrEmpty(endOfText);
        DefaultSystemPrompt = defaultSystemPrompt;
        StopTokens = ["<|im_end|>", endOfText];
    }

    /// <summary>The system prompt used when a conversation has none.</summary>
    public string? DefaultSystemPrompt { get; }

    /// <inheritdoc />
    public string EndOfTurn => "<|im_end|>";

    /// <inheritdoc />
    public IReadOnlyList<string> StopTokens { get; }

    /// <inheritdoc />
    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        var turns = ChatTurns.Read(messages, "ChatML", ChatRole.System, ChatRole.User, ChatRole.Assistant);
        var builder = new StringBuilder();
        if (turns[0].Role != ChatRole.System && DefaultSystemPrompt is not null)
        {
            Append(builder, "system", DefaultSystemPrompt);
        }
        foreach (var (role, text) in turns)
        {
            Append(builder, role.Value, text);
        }
        return builder.Append("<|im_start|>assistant\n").ToString();
    }

    private static void Append(StringBuilder builder, string role, string content) =>
        builder.Append("<|im_start|>").Append(role).Append('\n').Append(content).Append("<|im_end|>\n");
}
