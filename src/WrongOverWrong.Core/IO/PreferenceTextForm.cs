namespace WrongOverWrong.IO;

/// <summary>How prompts and responses are stored in TRL's preference formats.</summary>
public enum PreferenceTextForm
{
    /// <summary>Plain strings: <c>{"prompt": "...", "chosen": "...", "rejected": "..."}</c>.</summary>
    Standard,

    /// <summary>
    /// Conversational: lists of <c>{"role","content"}</c> messages, the prompt a user turn and each
    /// response an assistant turn, so TRL applies the model's chat template.
    /// </summary>
    Conversational,
}
