using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// The contract between a causal language model and everything that trains or scores it.
/// Trainers ask for hidden states and project them to the vocabulary in chunks, so the full
/// [batch, sequence, vocabulary] logits tensor never has to exist at once.
/// </summary>
public interface ICausalLanguageModel : IDisposable
{
    /// <summary>The vocabulary size (the last dimension of the logits).</summary>
    long VocabularySize { get; }

    /// <summary>
    /// The longest sequence (prompt + completion) the model was built for, in tokens
    /// (<c>max_position_embeddings</c>); <see langword="null"/> when the model has no such limit.
    /// Trainers refuse longer training sequences and samplers longer generations.
    /// </summary>
    int? MaxPositions => null;

    /// <summary>The device the weights live on.</summary>
    Device Device { get; }

    /// <summary>
    /// Runs the decoder and returns the hidden states after the final norm, shaped
    /// [batch, sequence, hidden]. Inputs are right-padded token ids [batch, sequence] (int64);
    /// causal attention means padding never influences real positions, so no mask is needed.
    /// </summary>
    Tensor ForwardHidden(Tensor inputIds);

    /// <summary>
    /// Runs the decoder on a padded batch: <paramref name="attentionMask"/> [batch, sequence] is
    /// nonzero at real tokens and zero at padding, which may sit on either side (left padding for
    /// generation, right padding for scoring). Real positions get the same hidden states as their
    /// row run alone, up to floating-point noise; padded positions are unspecified. The default
    /// accepts no padding on the left (models without mask support still run right-padded batches).
    /// </summary>
    /// <exception cref="NotSupportedException">The mask pads on the left and the model cannot mask.</exception>
    Tensor ForwardHidden(Tensor inputIds, Tensor? attentionMask)
    {
        if (attentionMask is not null && attentionMask.shape[1] > 1)
        {
            using var scope = torch.NewDisposeScope();
            Tensor real = attentionMask.ne(0);
            long length = real.shape[1];
            if (real.narrow(1, 1, length - 1).logical_and(real.narrow(1, 0, length - 1).logical_not()).any().item<bool>())
            {
                throw new NotSupportedException($"{GetType().Name} cannot mask left padding; pass right-padded rows.");
            }
        }

        return ForwardHidden(inputIds);
    }

    /// <summary>Applies the language-model head: [..., hidden] to logits [..., vocabulary].</summary>
    Tensor ProjectToVocabulary(Tensor hidden);

    /// <summary>The parameters an optimizer updates (LoRA adapters only when adapters are attached), with their checkpoint names.</summary>
    IReadOnlyList<(string Name, TorchSharp.Modules.Parameter Parameter)> TrainableParameters();

    /// <summary>
    /// Whether LoRA adapters take part in the forward pass. Switching them off gives the reference
    /// model. Models without adapters report <see langword="false"/> and ignore sets.
    /// </summary>
    bool AdaptersEnabled { get; set; }

    /// <summary>Switches dropout and other training-only behaviour on or off.</summary>
    void SetTraining(bool training);

    /// <summary>
    /// Writes the trainable weights to a folder: a PEFT adapter (<c>adapter_config.json</c> +
    /// <c>adapter_model.safetensors</c>) when adapters are attached, else a Hugging Face model folder.
    /// </summary>
    void SaveTrainable(string directory);

    /// <summary>Loads trainable weights written by <see cref="SaveTrainable"/>.</summary>
    void LoadTrainable(string directory);
}
