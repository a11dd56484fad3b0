using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Summed log-probabilities of completion tokens under a causal language model, computed without
/// ever materialising the [batch, sequence, vocabulary] logits: the decoder runs once, then only
/// the positions that predict completion tokens are projected to the vocabulary, a chunk at a time,
/// with log-softmax in fp32.
/// </summary>
internal static class CompletionLogProbSums
{
    /// <summary>
    /// Computes, for every row, the sum of log p(token | prefix) over the tokens where
    /// <paramref name="completionMask"/> is true, and the number of such tokens.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="inputIds">Right-padded token ids [rows, length], int64, on the model's device.</param>
    /// <param name="completionMask">[rows, length], true at completion tokens (never at position 0).</param>
    /// <param name="chunkTokens">Completion positions projected to the vocabulary at once.</param>
    /// <returns>Sums [rows] (fp32, differentiable when grad is on) and token counts [rows] (fp32).</returns>
    public static (Tensor Sums, Tensor Counts) Compute(ICausalLanguageModel model, Tensor inputIds, Tensor completionMask, int chunkTokens = 512)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(completionMask);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkTokens, 1);
        if (inputIds.dim() != 2 || !inputIds.shape.SequenceEqual(completionMask.shape))
        {
            throw new ArgumentException("inputIds and completionMask must both be [rows, length].", nameof(completionMask));
        }

        long rows = inputIds.shape[0];
        long length = inputIds.shape[1];
        Tensor hidden = model.ForwardHidden(inputIds);
        long hiddenSize = hidden.shape[2];

        // Position p predicts token p + 1: keep only the positions whose next token is completion.
        Tensor targetMask = completionMask[.., 1..].to(ScalarType.Bool);
        Tensor flatIndex = targetMask.reshape(-1).nonzero().squeeze(1);
        Tensor predictors = hidden[.., ..(int)(length - 1), ..].reshape(-1, hiddenSize).index_select(0, flatIndex);
        Tensor labels = inputIds[.., 1..].reshape(-1).index_select(0, flatIndex);
        Tensor rowOfToken = flatIndex.div(length - 1, rounding_mode: RoundingMode.floor);

        long tokens = flatIndex.shape[0];
        var pieces = new List<Tensor>();
        for (long start = 0; start < tokens; start += chunkTokens)
        {
            long end = Math.Min(tokens, start + chunkTokens);
            Tensor logits = model.ProjectToVocabulary(predictors.narrow(0, start, end - start)).to(ScalarType.Float32);
            Tensor logProbs = logits.log_softmax(-1).gather(1, labels.narrow(0, start, end - start).unsqueeze(1)).squeeze(1);
            pieces.Add(logProbs);
        }

        Tensor tokenLogProbs = pieces.Count switch
        {
            0 => zeros(0, ScalarType.Float32, device: hidden.device),
            1 => pieces[0],
            _ => cat(pieces, 0),
        };
        Tensor sums = zeros(rows, ScalarType.Float32, device: hidden.device).index_add(0, rowOfToken, tokenLogProbs, 1.0);
        Tensor counts = targetMask.sum(1).to(ScalarType.Float32);
        return (sums, counts);
    }
}
