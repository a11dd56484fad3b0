using TorchSharp;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Optimization;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Scoring;

/// <summary>
/// Scores (prompt, completion) token pairs by teacher forcing: batched, right-padded, without
/// gradients. Pairs are grouped by length to waste little compute on padding; results come back in
/// input order.
/// </summary>
public sealed class TeacherForcedScorer
{
    private readonly ICausalLanguageModel model;
    private readonly int batchSize;
    private readonly int chunkSize;
    private readonly int paddingId;

    /// <summary>Creates a scorer.</summary>
    /// <param name="model">The model to score with.</param>
    /// <param name="batchSize">Pairs per forward pass.</param>
    /// <param name="chunkSize">Completion tokens per LM-head chunk (see <see cref="CompletionLogProbabilities"/>).</param>
    /// <param name="paddingId">Id used for right padding (never attended to by real positions).</param>
    public TeacherForcedScorer(ICausalLanguageModel model, int batchSize = 8, int chunkSize = 128, int paddingId = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        TorchSharpNative.EnsureLoaded();
        this.model = model;
        this.batchSize = batchSize;
        this.chunkSize = chunkSize;
        this.paddingId = paddingId;
    }

    /// <summary>Scores every pair (in evaluation mode, so LoRA dropout is off; a training model is switched back afterwards).</summary>
    /// <param name="pairs">Prompt ids (non-empty) and completion ids (non-empty).</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <exception cref="ArgumentException">A prompt or completion is empty or holds an id outside the vocabulary; the message gives the pair index.</exception>
    public IReadOnlyList<CompletionScore> Score(
        IReadOnlyList<(IReadOnlyList<int> Prompt, IReadOnlyList<int> Completion)> pairs,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        for (int i = 0; i < pairs.Count; i++)
        {
            (IReadOnlyList<int> prompt, IReadOnlyList<int> completion) = pairs[i];
            if (prompt is null || completion is null || prompt.Count == 0 || completion.Count == 0)
            {
                throw new ArgumentException($"Pair {i}: prompt and completion must both hold at least one token.", nameof(pairs));
            }

            if (prompt.Concat(completion).Any(id => id < 0 || id >= model.VocabularySize))
            {
                throw new ArgumentException($"Pair {i}: a token id lies outside the vocabulary of {model.VocabularySize}.", nameof(pairs));
            }
        }

        var results = new CompletionScore[pairs.Count];
        int[] order = Enumerable.Range(0, pairs.Count).OrderBy(i => pairs[i].Prompt.Count + pairs[i].Completion.Count).ToArray();
        using var noGrad = torch.no_grad();
        bool wasTraining = model is nn.Module { training: true };
        model.SetTraining(false);
        try
        {
            ScoreBatches(pairs, order, results, cancellationToken);
        }
        finally
        {
            if (wasTraining)
            {
                model.SetTraining(true);
            }
        }

        return results;
    }

    private void ScoreBatches(
        IReadOnlyList<(IReadOnlyList<int> Prompt, IReadOnlyList<int> Completion)> pairs,
        int[] order,
        CompletionScore[] results,
        CancellationToken cancellationToken)
    {
        for (int start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] members = order.Skip(start).Take(batchSize).ToArray();
            var examples = members.Select(i => new TokenizedExample([.. pairs[i].Prompt], [[.. pairs[i].Completion]], true)).ToList();

            using var scope = torch.NewDisposeScope();
            var (idTensor, maskTensor, _) = SequenceBatch.Create(examples, slots: 1, paddingId, model.Device);
            Tensor perToken = CompletionLogProbabilities.Compute(model, idTensor, maskTensor, chunkSize);
            double[] sums = perToken.sum(1).to(ScalarType.Float64).cpu().data<double>().ToArray();
            for (int row = 0; row < members.Length; row++)
            {
                int count = pairs[members[row]].Completion.Count;
                results[members[row]] = new CompletionScore(sums[row], sums[row] / count, count);
            }
        }
    }
}
