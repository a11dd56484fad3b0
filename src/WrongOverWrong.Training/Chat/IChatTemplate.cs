using Microsoft.Extensions.AI;

namespace WrongOverWrong.Training.Chat;

/// <summary>
/// A model family's chat template as code (the Jinja templates of Hugging Face tokenizers are not
/// evaluated). Prompts for training and sampling come from here so both see the same text.
/// </summary>
public interface IChatTemplate
{
    /// <summary>
    /// Renders the conversation and the header of the assistant turn that follows, ready for
    /// generation (Hugging Face's <c>add_generation_prompt=True</c>).
    /// </summary>
    string FormatPrompt(IEnumerable<ChatMessage> messages);

    /// <summary>The text that ends an assistant turn (appended to chosen/rejected responses in training).</summary>
    string EndOfTurn { get; }

    /// <summary>Token strings that stop generation (end of turn and end of text).</summary>
    IReadOnlyList<string> StopTokens { get; }
}
