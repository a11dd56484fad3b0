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

        Tensor tokenLogProbs = ProjectAndGather(model, predictors, labels, chunkTokens);
        return (tokenLogProbs, flatIndex, rows, length);
    }

    /// <summary>
    /// Completion log-prob sums when several completions share one prompt: each prompt runs through
    /// the decoder once, its keys and values are repeated for its <paramref name="copies"/>
    /// completions, and only the completion tokens run after it. Gradients reach the prompt's
    /// computation through the repeated keys and values (a <see cref="KeyValueCache.TracksGradients"/>
    /// cache), so with autograd on the result matches <see cref="Sums"/> on the concatenated rows up
    /// to float noise, while the prompt's tokens are computed once instead of <paramref name="copies"/> times.
    /// </summary>
    /// <param name="model">A model with a KV cache.</param>
    /// <param name="promptIds">Left-padded prompt ids [prompts, promptLength], int64; every row has at least one real token.</param>
    /// <param name="promptMask">[prompts, promptLength], set at real prompt tokens.</param>
    /// <param name="completionIds">Right-padded completion ids [prompts * copies, completionLength], example-major (row = prompt * copies + copy).</param>
    /// <param name="completionMask">[prompts * copies, completionLength], set at real completion tokens.</param>
    /// <param name="copies">Completions per prompt.</param>
    /// <param name="chunkTokens">Completion positions projected to the vocabulary at a time.</param>
    /// <returns>Sums [prompts * copies] (fp32, differentiable when grad is on) and token counts (fp32), in the completion rows' order.</returns>
    public static (Tensor Sums, Tensor Counts) SharedPromptSums(ICachedCausalLanguageModel model, Tensor promptIds, Tensor promptMask, Tensor completionIds, Tensor completionMask, int copies, int chunkTokens = 512)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentNullException.ThrowIfNull(promptMask);
        ArgumentNullException.ThrowIfNull(completionIds);
        ArgumentNullException.ThrowIfNull(completionMask);
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkTokens, 1);
        if (promptIds.dim() != 2 || !promptIds.shape.SequenceEqual(promptMask.shape))
        {
            throw new ArgumentException($"Prompt ids [{string.Join(", ", promptIds.shape)}] and prompt mask [{string.Join(", ", promptMask.shape)}] must both be [prompts, length].", nameof(promptMask));
        }

        if (completionIds.dim() != 2 || !completionIds.shape.SequenceEqual(completionMask.shape) || completionIds.shape[0] != promptIds.shape[0] * copies)
        {
            throw new ArgumentException($"Completion ids [{string.Join(", ", completionIds.shape)}] and mask [{string.Join(", ", completionMask.shape)}] must both be [prompts x {copies}, length] for {promptIds.shape[0]} prompts.", nameof(completionMask));
        }

        using var scope = torch.NewDisposeScope();
        long prompts = promptIds.shape[0];
        long promptLength = promptIds.shape[1];
        long completionLength = completionIds.shape[1];
        Tensor pMask = promptMask.to(model.Device).to(ScalarType.Bool);
        if (!pMask.select(1, promptLength - 1).all().item<bool>())
        {
            throw new ArgumentException("Every prompt row must be left-padded and end with a real token.", nameof(promptMask));
        }

        using KeyValueCache promptCache = model.CreateCache(prompts, promptLength + completionLength);
        promptCache.TracksGradients = true;
        Tensor promptHidden = model.ForwardHidden(promptIds.to(model.Device), pMask, null, promptCache);
        using KeyValueCache cache = copies == 1 ? promptCache : promptCache.Repeat(copies);
        Tensor cMask = completionMask.to(model.Device).to(ScalarType.Bool);
        Tensor completionHidden = model.ForwardHidden(completionIds.to(model.Device), cMask, null, cache);

        // Completion token t is predicted by completion position t - 1, or by the prompt's last position for t = 0.
        Tensor last = promptHidden.select(1, promptLength - 1);
        last = copies == 1 ? last : last.repeat_interleave(copies, dim: 0);
        Tensor predictorsAll = cat([last.unsqueeze(1), completionHidden.narrow(1, 0, completionLength - 1)], 1);
        long hiddenSize = predictorsAll.shape[2];
        Tensor flatIndex = cMask.reshape(-1).nonzero().squeeze(1);
        Tensor predictors = predictorsAll.reshape(-1, hiddenSize).index_select(0, flatIndex);
        Tensor labels = completionIds.to(model.Device).reshape(-1).index_select(0, flatIndex);
        Tensor tokenLogProbs = ProjectAndGather(model, predictors, labels, chunkTokens);
        Tensor rowOfToken = flatIndex.div(completionLength, rounding_mode: RoundingMode.floor);
        Tensor sums = zeros(completionIds.shape[0], ScalarType.Float32, device: model.Device).index_add(0, rowOfToken, tokenLogProbs, 1.0);
        Tensor counts = cMask.to(ScalarType.Float32).sum(1);
        return (sums.MoveToOuterDisposeScope(), counts.MoveToOuterDisposeScope());
    }

    // Projects predictor hidden states to the vocabulary chunk by chunk (log-softmax in fp32) and
    // returns the log-probability of each label.
    private static Tensor ProjectAndGather(ICausalLanguageModel model, Tensor predictors, Tensor labels, int chunkTokens)
    {
        long tokens = predictors.shape[0];
        var pieces = new List<Tensor>();
        for (long start = 0; start < tokens; start += chunkTokens)
        {
            long count = Math.Min(chunkTokens, tokens - start);
            Tensor logits = model.ProjectToVocabulary(predictors.narrow(0, start, count)).to(ScalarType.Float32);
            pieces.Add(logits.log_softmax(-1).gather(1, labels.narrow(0, start, count).unsqueeze(1)).squeeze(1));
        }

        return pieces.Count switch
        {
            0 => zeros(0, ScalarType.Float32, device: model.Device),
            1 => pieces[0],
            _ => cat(pieces, 0),
        };
    }
}
