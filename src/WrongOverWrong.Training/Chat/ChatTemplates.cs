using System.Text.RegularExpressions;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Chat;

/// <summary>Picks the <see cref="IChatTemplate"/> for a model, by name, by its Jinja template, or from its folder.</summary>
public static class ChatTemplates
{
    /// <summary>
    /// The template for a config.json <c>model_type</c> or a family name: <c>llama</c>/<c>llama3</c> (Llama 3.0),
    /// <c>llama3.1</c>, <c>llama2</c>, <c>mistral</c>, <c>qwen2</c>/<c>qwen</c> (Qwen2.5 default system prompt),
    /// <c>smollm</c>/<c>smollm2</c>, <c>tinyllama</c>/<c>zephyr</c>, <c>chatml</c>, <c>tiny</c>. Several families share
    /// model_type "llama" (Llama 2, TinyLlama, SmolLM), so prefer <see cref="FromFolder"/> when a folder is at hand.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static IChatTemplate ForModelType(string modelType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelType);
        return modelType.Trim().ToLowerInvariant() switch
        {
            "llama" or "llama3" => new Llama3ChatTemplate(),
            "llama3.1" or "llama3.2" or "llama3.3" => new Llama3ChatTemplate("26 Jul 2024"),
            "llama2" => new Llama2ChatTemplate(),
            "mistral" => new MistralChatTemplate(),
            "qwen2" or "qwen" or "qwen2.5" => new ChatMLChatTemplate(ChatMLChatTemplate.QwenDefaultSystemPrompt),
            "smollm" or "smollm2" => new ChatMLChatTemplate(ChatMLChatTemplate.SmolLM2DefaultSystemPrompt),
            "chatml" => new ChatMLChatTemplate(),
            "tinyllama" or "zephyr" => new ZephyrChatTemplate(),
            "tiny" => new TinyChatTemplate(),
            _ => throw new ArgumentException(
                $"Unknown model type '{modelType}'. Known: llama, llama3, llama3.1, llama2, mistral, qwen2, qwen, smollm, chatml, tinyllama, zephyr, tiny.",
                nameof(modelType)),
        };
    }

    /// <summary>
    /// Recognises a Hub Jinja <c>chat_template</c> by its markers (it is never evaluated) and returns the
    /// matching template, or null when none matches. A ChatML template's built-in default system prompt is kept.
    /// </summary>
    public static IChatTemplate? FromJinja(string chatTemplate)
    {
        ArgumentNullException.ThrowIfNull(chatTemplate);
        if (chatTemplate.Contains("<|start_header_id|>", StringComparison.Ordinal))
        {
            return chatTemplate.Contains("Cutting Knowledge Date", StringComparison.Ordinal) ? new Llama3ChatTemplate("26 Jul 2024") : new Llama3ChatTemplate();
        }
        if (chatTemplate.Contains("<|im_start|>", StringComparison.Ordinal))
        {
            // Qwen and SmolLM2 write their default system turn as a literal inside the template.
            // The newline is either a "\n" escape or a real newline, depending on how the JSON was written.
            var match = Regex.Match(chatTemplate, @"<\|im_start\|>system(?:\\n|\n)([^<'""]*)<\|im_end\|>");
            return new ChatMLChatTemplate(match.Success ? match.Groups[1].Value : null);
        }
        if (chatTemplate.Contains("<|end|>", StringComparison.Ordinal) && chatTemplate.Contains("bos_token", StringComparison.Ordinal))
        {
            return new TinyChatTemplate();
        }
        if (chatTemplate.Contains("<|user|>", StringComparison.Ordinal) || chatTemplate.Contains("'<|' + message['role']", StringComparison.Ordinal))
        {
            return new ZephyrChatTemplate();
        }
        if (chatTemplate.Contains("[INST]", StringComparison.Ordinal))
        {
            return chatTemplate.Contains("<<SYS>>", StringComparison.Ordinal) ? new Llama2ChatTemplate() : new MistralChatTemplate();
        }
        return null;
    }

    /// <summary>
    /// The template for a Hugging Face model folder: from tokenizer_config.json's <c>chat_template</c> when it is
    /// recognised, else from config.json's <c>model_type</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">Neither source identifies a known family.</exception>
    public static IChatTemplate FromFolder(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var config = TokenizerFolderConfig.Read(directory);
        if (config.ChatTemplate is not null && FromJinja(config.ChatTemplate) is { } fromJinja)
        {
            return fromJinja;
        }
        if (config.ModelType is not null)
        {
            try
            {
                return ForModelType(config.ModelType);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{Path.Combine(directory, "config.json")}: model_type '{config.ModelType}' has no known chat template and tokenizer_config.json's chat_template was not recognised.", ex);
            }
        }
        throw new InvalidDataException($"'{directory}': tokenizer_config.json has no recognised chat_template and config.json no model_type.");
    }
}
