using TorchSharp;
using WrongOverWrong.Training.Modeling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Scoring;

/// <summary>
/// Teacher-forced log-probabilities of completion tokens: the one computation that both scoring
/// (no gradients) and the preference trainers (with gradients) need.
/// </summary>
/// <remarks>
/// The decoder runs once. Then only the positions that predict completion tokens are projected to
/// the vocabulary, <c>chunkTokens</c> of them at a time, with log-softmax in fp32, so the full
/// [batch, sequence, vocabulary] logits never exist at once and prompt positions cost no
/// projection at all. With autograd on, each chunk's log-softmax is kept for the backward pass, so
/// training memory still grows with completion tokens x vocabulary (a fused or recomputing
/// cross-entropy would avoid that; not implemented). Sequences are right-padded; causal attention keeps padding from influencing
/// real positions. Gradients flow when the caller has them enabled.
/// </remarks>
public static class CompletionLogProbabilities
{
    /// <summary>
    /// Returns [batch, sequence] float32 where entry (b, t) is log p(inputIds[b, t] | inputIds[b, &lt; t])
    /// if <paramref name="completionMask"/>[b, t] is set, and 0 elsewhere. Summing over the sequence
    /// gives the completion log-probability; dividing by the mask's row sums gives the per-token mean.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="inputIds">Right-padded prompt + completion ids [batch, sequence], int64.</param>
    /// <param name="completionMask">[batch, sequence], bool or numeric; set on completion tokens only. Position 0 must be unset (it has no context).</param>
    /// <param name="chunkTokens">Completion positions projected to the vocabulary at a time.</param>
    public static Tensor Compute(ICausalLanguageModel model, Tensor inputIds, Tensor completionMask, int chunkTokens = 512)
    {
        using var scope = torch.NewDisposeScope();
        var (tokenLogProbs, flatIndex, rows, length) = TokenLogProbabilities(model, inputIds, completionMask, chunkTokens);
        Tensor predicted = zeros(rows * (length - 1), ScalarType.Float32, device: model.Device).index_add(0, flatIndex, tokenLogProbs, 1.0);
        return cat([zeros([rows, 1], ScalarType.Float32, device: model.Device), predicted.reshape(rows, length - 1)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// For every row, the sum of log p(token | prefix) over the completion tokens and the number of
    /// those tokens: what sequence-level preference losses need, without the [batch, sequence] tensor.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="inputIds">Right-padded token ids [rows, length], int64.</param>
    /// <param name="completionMask">[rows, length], set at completion tokens (never at position 0).</param>
    /// <param name="chunkTokens">Completion positions projected to the vocabulary at a time.</param>
    /// <returns>Sums [rows] (fp32, differentiable when grad is on) and token counts [rows] (fp32).</returns>
    public static (Tensor Sums, Tensor Counts) Sums(ICausalLanguageModel model, Tensor inputIds, Tensor completionMask, int chunkTokens = 512)
    {
        using var scope = torch.NewDisposeScope();
        var (tokenLogProbs, flatIndex, rows, length) = TokenLogProbabilities(model, inputIds, completionMask, chunkTokens);
        Tensor rowOfToken = flatIndex.div(length - 1, rounding_mode: RoundingMode.floor);
        Tensor sums = zeros(rows, ScalarType.Float32, device: model.Device).index_add(0, rowOfToken, tokenLogProbs, 1.0);
        Tensor counts = completionMask.to(model.Device).to(ScalarType.Float32).sum(1);
        return (sums.MoveToOuterDisposeScope(), counts.MoveToOuterDisposeScope());
    }

    // The log-probability of every completion token, flattened in row-major order, with the flat
    // index (row * (length - 1) + position - 1) of the hidden state that predicted it.
    private static (Tensor TokenLogProbs, Tensor FlatIndex, long Rows, long Length) TokenLogProbabilities(
        ICausalLanguageModel model, Tensor inputIds, Tensor completionMask, int chunkTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(completionMask);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkTokens, 1);
        if (inputIds.dim() != 2 || !inputIds.shape.SequenceEqual(completionMask.shape))
        {
            throw new ArgumentException($"Input ids [{string.Join(", ", inputIds.shape)}] and completion mask [{string.Join(", ", completionMask.shape)}] must both be [batch, sequence].", nameof(completionMask));
        }

        Tensor ids = inputIds.to(model.Device);
        Tensor mask = completionMask.to(model.Device).to(ScalarType.Bool);
        long rows = ids.shape[0];
        long length = ids.shape[1];
        if (mask.select(1, 0).any().item<bool>())
        {
            throw new ArgumentException("Completion mask is set at position 0, which has no context to predict it from.", nameof(completionMask));
        }

        Tensor hidden = model.ForwardHidden(ids);
        long hiddenSize = hidden.shape[2];

        // Position p predicts token p + 1: keep only the positions whose next token is completion.
        Tensor flatIndex = mask[.., 1..].reshape(-1).nonzero().squeeze(1);
        Tensor predictors = hidden[.., ..(int)(length - 1), ..].reshape(-1, hiddenSize).index_select(0, flatIndex);
        Tensor labels = ids[.., 1..].reshape(-1).index_select(0, flatIndex);

        long tokens = flatIndex.shape[0];
        var pieces = new List<Tensor>();
        for (long start = 0; start < tokens; start += chunkTokens)
        {
            long count = Math.Min(chunkTokens, tokens - start);
            Tensor logits = model.ProjectToVocabulary(predictors.narrow(0, start, count)).to(ScalarType.Float32);
            pieces.Add(logits.log_softmax(-1).gather(1, labels.narrow(0, start, count).unsqueeze(1)).squeeze(1));
        }

        Tensor tokenLogProbs = pieces.Count switch
        {
            0 => zeros(0, ScalarType.Float32, device: model.Device),
            1 => pieces[0],
            _ => cat(pieces, 0),
        };
        return (tokenLogProbs, flatIndex, rows, length);
    }
}
