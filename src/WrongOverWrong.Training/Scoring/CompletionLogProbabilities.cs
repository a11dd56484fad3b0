using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

/// <summary>
/// Teacher-forced per-token log-probabilities of completion tokens: the one computation that both
/// scoring (no gradients) and the preference trainers (with gradients) need.
/// </summary>
public static class CompletionLogProbabilities
{
    /// <summary>
    /// Returns [batch, sequence] float32 where entry (b, t) is log p(inputIds[b, t] | inputIds[b, &lt; t])
    /// if <paramref name="completionMask"/>[b, t] is set, and 0 elsewhere. Summing over the sequence
    /// gives the completion log-probability; dividing by the mask's row sums gives the per-token mean.
    /// </summary>
    /// <remarks>
    /// The decoder runs once; the LM head and log-softmax run over <paramref name="chunkSize"/>
    /// positions at a time, and chunks without completion tokens (the prompt) are skipped, so the
    /// full [batch, sequence, vocabulary] logits never exist at once in inference. With autograd on,
    /// each computed chunk's logits are kept for the backward pass, as in any implementation.
    /// Sequences are right-padded; causal attention keeps padding from influencing real positions.
    /// Gradients flow when the caller has them enabled.
    /// </remarks>
    /// <param name="model">The model.</param>
    /// <param name="inputIds">Right-padded prompt + completion ids [batch, sequence], int64.</param>
    /// <param name="completionMask">[batch, sequence], bool or numeric; set on completion tokens only. Position 0 must be unset (it has no context).</param>
    /// <param name="chunkSize">Positions projected to the vocabulary at a time.</param>
    public static Tensor Compute(ICausalLanguageModel model, Tensor inputIds, Tensor completionMask, int chunkSize = 128)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(completionMask);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (inputIds.dim() != 2 || !inputIds.shape.SequenceEqual(completionMask.shape))
        {
            throw new ArgumentException($"Input ids [{string.Join(", ", inputIds.shape)}] and completion mask [{string.Join(", ", completionMask.shape)}] must both be [batch, sequence].", nameof(completionMask));
        }

        using var scope = torch.NewDisposeScope();
        Tensor ids = inputIds.to(model.Device);
        Tensor mask = completionMask.to(model.Device).to(ScalarType.Float32);
        long batch = ids.shape[0];
        long length = ids.shape[1];
        if (mask.select(1, 0).any().item<bool>())
        {
            throw new ArgumentException("Completion mask is set at position 0, which has no context to predict it from.", nameof(completionMask));
        }

        Tensor hidden = model.ForwardHidden(ids);
        var pieces = new List<Tensor> { torch.zeros([batch, 1], dtype: ScalarType.Float32, device: model.Device) };
        for (long start = 1; start < length; start += chunkSize)
        {
            long count = Math.Min(chunkSize, length - start);
            Tensor chunkMask = mask.narrow(1, start, count);
            if (!chunkMask.any().item<bool>())
            {
                pieces.Add(torch.zeros([batch, count], dtype: ScalarType.Float32, device: model.Device));
                continue;
            }

            // Position t is predicted from the hidden state at t - 1.
            Tensor logits = model.ProjectToVocabulary(hidden.narrow(1, start - 1, count)).to(ScalarType.Float32);
            Tensor targets = ids.narrow(1, start, count).unsqueeze(-1);
            Tensor chosen = logits.gather(-1, targets).squeeze(-1) - logits.logsumexp(-1);
            pieces.Add(chosen * chunkMask);
        }

        return torch.cat(pieces, dim: 1).MoveToOuterDisposeScope();
    }
}
