using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

/// <summary>
/// Batched, seeded sampling of completions from a causal language model.
/// </summary>
/// <remarks>
/// All samples of one prompt form one batch: the prompt is prefilled once (batch 1), its KV cache is
/// repeated for the samples, and each step decodes one token for every sample. Prompts of different
/// lengths are sampled as separate groups rather than left-padded into one batch: this keeps the
/// attention mask-free (fused SDPA path, no position-id bookkeeping) and the main use, many samples
/// of the same question, needs no padding at all. Models other than <see cref="LlamaForCausalLM"/>
/// (and <see cref="SamplingOptions.UseKeyValueCache"/> = false) recompute the whole sequence each step.
/// Every step runs in its own dispose scope, so native memory does not grow with the number of steps.
/// </remarks>
public sealed class SequenceSampler
{
    private readonly ICausalLanguageModel model;

    /// <summary>Creates a sampler over <paramref name="model"/> (switched to evaluation mode while sampling, then restored).</summary>
    public SequenceSampler(ICausalLanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        TorchSharpNative.EnsureLoaded();
        this.model = model;
    }

    /// <summary>Test hook: called after each decoding step with the step index.</summary>
    internal Action<int>? StepObserver { get; set; }

    /// <summary>Samples <see cref="SamplingOptions.NumSamples"/> completions of each prompt, one prompt group at a time.</summary>
    /// <param name="prompts">Prompt token ids (each non-empty).</param>
    /// <param name="options">Sampling settings; each prompt uses seed <c>Seed + its index</c>.</param>
    /// <param name="decode">Optional ids-to-text function for <see cref="GeneratedSequence.Text"/>.</param>
    /// <param name="cancellationToken">Checked between decoding steps.</param>
    public IReadOnlyList<IReadOnlyList<GeneratedSequence>> SampleMany(
        IReadOnlyList<IReadOnlyList<int>> prompts,
        SamplingOptions options,
        Func<IReadOnlyList<int>, string>? decode = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        var result = new List<IReadOnlyList<GeneratedSequence>>(prompts.Count);
        for (int i = 0; i < prompts.Count; i++)
        {
            result.Add(Sample(prompts[i], options with { Seed = options.Seed + i }, decode, cancellationToken));
        }

        return result;
    }

    /// <summary>Samples <see cref="SamplingOptions.NumSamples"/> completions of one prompt as one batch.</summary>
    /// <param name="prompt">Prompt token ids (non-empty, each inside the vocabulary).</param>
    /// <param name="options">Sampling settings.</param>
    /// <param name="decode">Optional ids-to-text function for <see cref="GeneratedSequence.Text"/>.</param>
    /// <param name="cancellationToken">Checked between decoding steps.</param>
    public IReadOnlyList<GeneratedSequence> Sample(
        IReadOnlyList<int> prompt,
        SamplingOptions options,
        Func<IReadOnlyList<int>, string>? decode = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (prompt.Count == 0)
        {
            throw new ArgumentException("The prompt must hold at least one token.", nameof(prompt));
        }

        int badIndex = prompt.ToList().FindIndex(id => id < 0 || id >= model.VocabularySize);
        if (badIndex >= 0)
        {
            throw new ArgumentException($"Prompt token {prompt[badIndex]} at index {badIndex} lies outside the vocabulary of {model.VocabularySize}.", nameof(prompt));
        }

        var llama = model as LlamaForCausalLM;
        if (llama is not null && prompt.Count + options.MaxNewTokens > llama.Config.MaxPositionEmbeddings)
        {
            throw new ArgumentException($"Prompt ({prompt.Count}) plus MaxNewTokens ({options.MaxNewTokens}) exceeds max_position_embeddings ({llama.Config.MaxPositionEmbeddings}).", nameof(options));
        }

        int n = options.NumSamples;
        var tokens = new List<int>[n];
        var logProbabilities = new List<double>[n];
        var finished = new bool[n];
        for (int i = 0; i < n; i++)
        {
            tokens[i] = new List<int>(options.MaxNewTokens);
            logProbabilities[i] = new List<double>(options.MaxNewTokens);
        }

        var stops = options.StopTokens.ToHashSet();
        using var generator = new Generator((ulong)options.Seed, model.Device);
        using var noGrad = torch.no_grad();

        // Sample in evaluation mode (no LoRA dropout) and give a training model back as it was.
        bool wasTraining = model is nn.Module { training: true };
        model.SetTraining(false);
        long[] promptIds = prompt.Select(id => (long)id).ToArray();
        bool useCache = options.UseKeyValueCache && llama is not null;
        KeyValueCache? cache = null;
        Tensor? logits = null;
        try
        {
            // Prefill: the prompt once, then its last-position logits (and cache) repeated per sample.
            using (var scope = torch.NewDisposeScope())
            {
                Tensor ids = torch.tensor(promptIds, device: model.Device).unsqueeze(0);
                Tensor hidden;
                if (useCache)
                {
                    using KeyValueCache single = llama!.CreateCache(1, prompt.Count + options.MaxNewTokens);
                    hidden = llama.ForwardHidden(ids, single);
                    cache = single.Repeat(n);
                }
                else
                {
                    hidden = model.ForwardHidden(ids);
                }

                Tensor last = model.ProjectToVocabulary(hidden.narrow(1, hidden.shape[1] - 1, 1).squeeze(1));
                logits = last.expand(n, last.shape[^1]).contiguous().DetachFromDisposeScope();
            }

            for (int step = 0; step < options.MaxNewTokens; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                (Tensor chosen, Tensor chosenLogProbabilities) = NextTokenChooser.Choose(logits, options, generator);
                long[] chosenIds = chosen.cpu().data<long>().ToArray();
                float[] chosenLps = chosenLogProbabilities.cpu().data<float>().ToArray();
                for (int i = 0; i < n; i++)
                {
                    if (finished[i])
                    {
                        continue;
                    }

                    tokens[i].Add((int)chosenIds[i]);
                    logProbabilities[i].Add(chosenLps[i]);
                    finished[i] = stops.Contains((int)chosenIds[i]);
                }

                StepObserver?.Invoke(step);
                if (finished.All(f => f) || step == options.MaxNewTokens - 1)
                {
                    break;
                }

                Tensor next;
                if (cache is not null)
                {
                    Tensor hidden = llama!.ForwardHidden(chosen.unsqueeze(1), cache);
                    next = model.ProjectToVocabulary(hidden.squeeze(1));
                }
                else
                {
                    // Recompute path: the prompt plus everything generated so far, for every sample.
                    int generated = step + 1;
                    int width = promptIds.Length + generated;
                    var rows = new long[n * width];
                    for (int i = 0; i < n; i++)
                    {
                        promptIds.CopyTo(rows, i * width);
                        for (int j = 0; j < generated; j++)
                        {
                            // Finished rows keep feeding their stop token; their outputs are ignored.
                            rows[(i * width) + promptIds.Length + j] = j < tokens[i].Count ? tokens[i][j] : tokens[i][^1];
                        }
                    }

                    Tensor ids = torch.tensor(rows, [n, width], device: model.Device);
                    Tensor hidden = model.ForwardHidden(ids);
                    next = model.ProjectToVocabulary(hidden.narrow(1, width - 1, 1).squeeze(1));
                }

                logits.Dispose();
                logits = next.DetachFromDisposeScope();
            }
        }
        finally
        {
            logits?.Dispose();
            cache?.Dispose();
            if (wasTraining)
            {
                model.SetTraining(true);
            }
        }

        var result = new GeneratedSequence[n];
        for (int i = 0; i < n; i++)
        {
            bool stopped = tokens[i].Count > 0 && stops.Contains(tokens[i][^1]);
            string? text = decode?.Invoke(stopped ? tokens[i].GetRange(0, tokens[i].Count - 1) : tokens[i]);
            result[i] = new GeneratedSequence(tokens[i], logProbabilities[i], text, stopped ? FinishReason.Stop : FinishReason.Length);
        }

        return result;
    }
}
