namespace WrongOverWrong.Training.Text;

/// <summary>The tokenizer algorithm behind a <see cref="HuggingFaceTokenizer"/>, picked from the files in a model folder.</summary>
public enum TokenizerKind
{
    /// <summary>Byte-level BPE from <c>tokenizer.json</c> (GPT-2, Llama 3 on the Hub, Qwen2, SmolLM, the tiny task model).</summary>
    ByteLevelBpe,

    /// <summary>SentencePiece BPE from a protobuf <c>tokenizer.model</c> (Llama 2, Mistral v0.1/v0.2, TinyLlama).</summary>
    SentencePiece,

    /// <summary>tiktoken ranks from a base64 text <c>tokenizer.model</c> (Meta's original Llama 3 download).</summary>
    Tiktoken,
}
