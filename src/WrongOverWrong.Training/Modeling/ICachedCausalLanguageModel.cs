using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// A causal language model that can decode incrementally: it keeps earlier tokens' keys and values
/// in a <see cref="KeyValueCache"/> and masks padded rows, so a sampler can prefill prompts of
/// different lengths together and then decode one token per row per step.
/// </summary>
/// <remarks>
/// Samplers discover this capability instead of downcasting to one architecture; a model that only
/// implements <see cref="ICausalLanguageModel"/> is sampled by recomputing the whole sequence each step.
/// </remarks>
public interface ICachedCausalLanguageModel : ICausalLanguageModel
{
    /// <summary>An empty cache for <paramref name="batch"/> rows and up to <paramref name="capacity"/> positions.</summary>
    /// <param name="batch">Rows the cache holds.</param>
    /// <param name="capacity">Positions per row (prompt plus new tokens).</param>
    KeyValueCache CreateCache(long batch, long capacity);

    /// <summary>
    /// Runs the decoder on a padded batch, optionally continuing <paramref name="cache"/>, and returns
    /// the final-norm hidden states [batch, new, hidden]; each row gets the numbers it would get alone.
    /// </summary>
    /// <param name="inputIds">Token ids [batch, new] (int64); padding ids are arbitrary.</param>
    /// <param name="attentionMask">[batch, new], nonzero = real token; null = no padding.</param>
    /// <param name="positionIds">Explicit position ids [batch, new]; null derives them from the mask and cache.</param>
    /// <param name="cache">Keys/values of earlier tokens, appended to; null runs the tokens alone.</param>
    Tensor ForwardHidden(Tensor inputIds, Tensor? attentionMask, Tensor? positionIds, KeyValueCache? cache);
}
