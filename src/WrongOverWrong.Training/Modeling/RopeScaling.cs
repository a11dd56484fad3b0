namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// The <c>rope_scaling</c> block of a Hugging Face config: how rotary frequencies are stretched so a
/// model works beyond the context length it was pre-trained on. Llama 3.1 uses <c>llama3</c>.
/// </summary>
/// <param name="RopeType"><c>llama3</c> or <c>linear</c> (<c>default</c> means no scaling and is represented by a null <see cref="LlamaConfig.RopeScaling"/>).</param>
/// <param name="Factor">How much longer the new context is than the original one.</param>
/// <param name="LowFrequencyFactor">Llama 3: wavelengths longer than original context / this factor are fully scaled.</param>
/// <param name="HighFrequencyFactor">Llama 3: wavelengths shorter than original context / this factor are left alone.</param>
/// <param name="OriginalMaxPositionEmbeddings">Llama 3: the pre-training context length.</param>
public sealed record RopeScaling(
    string RopeType,
    double Factor,
    double LowFrequencyFactor = 1.0,
    double HighFrequencyFactor = 4.0,
    int OriginalMaxPositionEmbeddings = 8192);
