using TorchSharp;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Sampling;

/// <summary>
/// Batched, seeded sampling of completions from a causal language model.
/// </summary>
/// <remarks>
/// <para>All rows of a <see cref="SampleBatch"/> call (every (prompt, sample) pair) decode together:
/// rows are sorted by prompt length and cut into batches whose KV cache stays within
/// <see cref="MaxBatchTokens"/>; each batch left-pads its distinct prompts, prefills each once,
/// repeats the cache per sample, decodes one token per row per step and drops finished rows from the
/// cache as they accumulate. Each row draws from its own counter-based stream
/// (<see cref="SamplingSeeds"/>), so a completion depends on its seed, prompt and model only, not on
/// the batch it shares (up to fp32 noise in the logits, which can move a draw that lands within
/// ~1e-6 of a boundary between two tokens).</para>
/// <para>Models that are not <see cref="ICachedCausalLanguageModel"/> (and <see cref="SamplingOptions.UseKeyValueCache"/> = false)
/// recompute the whole sequence each step; models without mask support then batch one prompt at a time.
/// Every step runs in its own dispose scope, so native memory does not grow with the number of steps.</para>
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

    /// <summary>
    /// Most KV-cache positions one generation batch may hold, rows × (longest prompt + most new
    /// tokens); a larger request set is cut into several batches, so memory stays predictable.
    /// Default 16,384 (64 MB of cache for the benchmark's 4-layer model, 1 GB for Llama 3.2 1B in fp32).
    /// A single row longer than the budget still runs, alone.
    /// </summary>
    public int MaxBatchTokens { get; init; } = 16_384;

    /// <summary>Most rows (prompt × sample pairs) in one generation batch. Default 256.</summary>
    public int MaxBatchRows { get; init; } = 256;

    /// <summary>Test hook: called after each decoding step with the step index.</summary>
    internal Action<int>? StepObserver { get; set; }

    /// <summary>Test hook: called with the row count of each generation batch.</summary>
    internal Action<int>? BatchObserver { get; set; }

    /// <summary>Samples <see cref="SamplingOptions.NumSamples"/> completions of each prompt, all prompts batched together.</summary>
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
        return SampleBatch(prompts.Select((p, i) => new SamplingRequest(p, options with { Seed = options.Seed + i })).ToList(), decode, cancellationToken);
    }

    /// <summary>Samples <see cref="SamplingOptions.NumSamples"/> completions of one prompt as one batch.</summary>
    /// <param name="prompt">Prompt token ids (non-empty, each inside the vocabulary).</param>
    /// <param name="options">Sampling settings; completion i uses seed <see cref="SamplingSeeds.ForSample"/>(Seed, i).</param>
    /// <param name="decode">Optional ids-to-text function for <see cref="GeneratedSequence.Text"/>.</param>
    /// <param name="cancellationToken">Checked between decoding steps.</param>
    public IReadOnlyList<GeneratedSequence> Sample(
        IReadOnlyList<int> prompt,
        SamplingOptions options,
        Func<IReadOnlyList<int>, string>? decode = null,
        CancellationToken cancellationToken = default) =>
        SampleBatch([new SamplingRequest(prompt, options)], decode, cancellationToken)[0];

    /// <summary>
    /// Samples every request's completions in as few generation batches as <see cref="MaxBatchTokens"/>
    /// allows, and returns them per request, in request order.
    /// </summary>
    /// <param name="requests">Prompts with their settings and seeds; requests whose temperature, top-p,
    /// top-k or cache setting differ are batched separately.</param>
    /// <param name="decode">Optional ids-to-text function for <see cref="GeneratedSequence.Text"/>.</param>
    /// <param name="cancellationToken">Checked between decoding steps.</param>
    public IReadOnlyList<IReadOnlyList<GeneratedSequence>> SampleBatch(
        IReadOnlyList<SamplingRequest> requests,
        Func<IReadOnlyList<int>, string>? decode = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var cached = model as ICachedCausalLanguageModel;
        var rows = new List<Row>();
        for (int q = 0; q < requests.Count; q++)
        {
            SamplingRequest request = requests[q] ?? throw new ArgumentException($"Request {q} is null.", nameof(requests));
            Validate(request);
            for (int i = 0; i < request.Options.NumSamples; i++)
            {
                rows.Add(new Row(q, request, request.SeedOf(i)));
            }
        }

        // Rows of one prompt stay adjacent (one prefill), shorter prompts first (little padding).
        bool canMix = cached is not null;
        foreach (var group in rows.GroupBy(r => (r.Request.Options.Temperature, r.Request.Options.TopP, r.Request.Options.TopK, r.Request.Options.UseKeyValueCache)))
        {
            var ordered = group.OrderBy(r => r.Request.Prompt.Count).ThenBy(r => r.RequestIndex).ToList();
            var batch = new List<Row>();
            int longest = 0;
            int mostNew = 0;
            foreach (Row row in ordered)
            {
                int nextLongest = Math.Max(longest, row.Request.Prompt.Count);
                int nextMostNew = Math.Max(mostNew, row.Request.Options.MaxNewTokens);
                bool fits = (long)(batch.Count + 1) * (nextLongest + nextMostNew) <= MaxBatchTokens && batch.Count < MaxBatchRows;
                bool sameRequest = batch.Count > 0 && batch[^1].RequestIndex == row.RequestIndex;
                if (batch.Count > 0 && (!fits || (!canMix && !sameRequest)))
                {
                    RunBatch(batch, cached, cancellationToken);
                    batch.Clear();
                    nextLongest = row.Request.Prompt.Count;
                    nextMostNew = row.Request.Options.MaxNewTokens;
                }

                batch.Add(row);
                longest = nextLongest;
                mostNew = nextMostNew;
            }

            if (batch.Count > 0)
            {
                RunBatch(batch, cached, cancellationToken);
            }
        }

        var result = new List<GeneratedSequence>[requests.Count];
        for (int q = 0; q < requests.Count; q++)
        {
            result[q] = new List<GeneratedSequence>(requests[q].Options.NumSamples);
        }

        foreach (Row row in rows)
        {
            result[row.RequestIndex].Add(row.ToSequence(decode));
        }

        return result;
    }

    private void Validate(SamplingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Prompt, nameof(request.Prompt));
        ArgumentNullException.ThrowIfNull(request.Options, nameof(request.Options));
        SamplingOptions options = request.Options;
        IReadOnlyList<int> prompt = request.Prompt;
        options.Validate();
        if (prompt.Count == 0)
        {
            throw new ArgumentException("The prompt must hold at least one token.", "prompt");
        }

        int badIndex = prompt.ToList().FindIndex(id => id < 0 || id >= model.VocabularySize);
        if (badIndex >= 0)
        {
            throw new ArgumentException($"Prompt token {prompt[badIndex]} at index {badIndex} lies outside the vocabulary of {model.VocabularySize}.", "prompt");
        }

        if (model.MaxPositions is int maxPositions && prompt.Count + options.MaxNewTokens > maxPositions)
        {
            throw new ArgumentException($"Prompt ({prompt.Count}) plus MaxNewTokens ({options.MaxNewTokens}) exceeds max_position_embeddings ({maxPositions}).", "options");
        }

        if (request.Seeds is { } seeds && seeds.Count != options.NumSamples)
        {
            throw new ArgumentException($"{seeds.Count} seeds for {options.NumSamples} samples.", "request");
        }
    }

    /// <summary>Decodes one generation batch to the end of its longest row.</summary>
    private void RunBatch(List<Row> rows, ICachedCausalLanguageModel? cached, CancellationToken cancellationToken)
    {
        BatchObserver?.Invoke(rows.Count);
        SamplingOptions settings = rows[0].Request.Options;

        // Distinct prompts (by request), left-padded to the longest.
        var prompts = new List<IReadOnlyList<int>>();
        var promptOf = new long[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            if (r == 0 || rows[r].RequestIndex != rows[r - 1].RequestIndex)
            {
                prompts.Add(rows[r].Request.Prompt);
            }

            promptOf[r] = prompts.Count - 1;
        }

        int mostNew = rows.Max(r => r.Request.Options.MaxNewTokens);
        bool useCache = settings.UseKeyValueCache && cached is not null;
        using var noGrad = torch.no_grad();

        // Sample in evaluation mode (no LoRA dropout) and give a training model back as it was.
        bool wasTraining = model is nn.Module { training: true };
        model.SetTraining(false);
        KeyValueCache? cache = null;
        Tensor? logits = null;
        var active = Enumerable.Range(0, rows.Count).ToArray();
        try
        {
            using (var scope = torch.NewDisposeScope())
            {
                (Tensor ids, Tensor? mask) = LeftPad(prompts);
                Tensor hidden;
                if (useCache)
                {
                    cache = cached!.CreateCache(prompts.Count, ids.shape[1] + mostNew);
                    hidden = cached.ForwardHidden(ids, mask, null, cache);
                    if (rows.Count != prompts.Count)
                    {
                        cache.SelectRows(promptOf);
                    }
                }
                else
                {
                    hidden = model.ForwardHidden(ids, mask);
                }

                Tensor last = model.ProjectToVocabulary(hidden.narrow(1, hidden.shape[1] - 1, 1).squeeze(1));
                logits = (rows.Count == prompts.Count ? last : last.index_select(0, torch.tensor(promptOf, device: last.device))).contiguous().DetachFromDisposeScope();
            }

            for (int step = 0; step < mostNew; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var uniforms = new double[active.Length];
                for (int a = 0; a < active.Length; a++)
                {
                    uniforms[a] = SamplingSeeds.Uniform(rows[active[a]].Seed, step);
                }

                (Tensor chosen, Tensor chosenLogProbabilities) = NextTokenChooser.Choose(logits, settings, uniforms);
                long[] chosenIds = chosen.cpu().data<long>().ToArray();
                float[] chosenLps = chosenLogProbabilities.cpu().data<float>().ToArray();
                int open = 0;
                for (int a = 0; a < active.Length; a++)
                {
                    Row row = rows[active[a]];
                    if (!row.Finished)
                    {
                        row.Add((int)chosenIds[a], chosenLps[a]);
                    }

                    open += row.Finished ? 0 : 1;
                }

                StepObserver?.Invoke(step);
                if (open == 0)
                {
                    break;
                }

                // Drop finished rows once they are an eighth of the batch (each drop copies the cache);
                // without a cache every step rebuilds the batch anyway, so drop them at once.
                int dead = active.Length - open;
                if (dead > 0 && (cache is null || dead * 8 >= active.Length))
                {
                    var keep = Enumerable.Range(0, active.Length).Where(a => !rows[active[a]].Finished).Select(a => (long)a).ToArray();
                    cache?.SelectRows(keep);
                    chosen = chosen.index_select(0, torch.tensor(keep, device: chosen.device));
                    active = keep.Select(a => active[a]).ToArray();
                }

                Tensor next;
                if (cache is not null)
                {
                    Tensor hidden = cached!.ForwardHidden(chosen.unsqueeze(1), null, null, cache);
                    next = model.ProjectToVocabulary(hidden.squeeze(1));
                }
                else
                {
                    // Recompute path: each row's prompt plus everything it generated, left-padded.
                    (Tensor ids, Tensor? mask) = LeftPad(active.Select(a => (IReadOnlyList<int>)[.. rows[a].Request.Prompt, .. rows[a].Tokens]).ToList());
                    Tensor hidden = model.ForwardHidden(ids, mask);
                    next = model.ProjectToVocabulary(hidden.narrow(1, hidden.shape[1] - 1, 1).squeeze(1));
                }

                logits.Dispose();
                logits = next.contiguous().DetachFromDisposeScope();
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
    }

    /// <summary>Ids [rows, longest] left-padded with 0, and the mask (null when no row is padded).</summary>
    private (Tensor Ids, Tensor? Mask) LeftPad(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        int width = sequences.Max(s => s.Count);
        var ids = new long[sequences.Count * width];
        var mask = new long[sequences.Count * width];
        bool padded = false;
        for (int r = 0; r < sequences.Count; r++)
        {
            int offset = width - sequences[r].Count;
            padded |= offset > 0;
            for (int j = 0; j < sequences[r].Count; j++)
            {
                ids[(r * width) + offset + j] = sequences[r][j];
                mask[(r * width) + offset + j] = 1;
            }
        }

        return (torch.tensor(ids, [sequences.Count, width], device: model.Device),
            padded ? torch.tensor(mask, [sequences.Count, width], device: model.Device) : null);
    }

    /// <summary>One (prompt, sample) row: its seed, stop ids and what it generated so far.</summary>
    private sealed class Row(int requestIndex, SamplingRequest request, long seed)
    {
        private readonly HashSet<int> stops = [.. request.Options.StopTokens];

        public int RequestIndex { get; } = requestIndex;

        public SamplingRequest Request { get; } = request;

        public long Seed { get; } = seed;

        public List<int> Tokens { get; } = new(request.Options.MaxNewTokens);

        public List<double> LogProbabilities { get; } = new(request.Options.MaxNewTokens);

        public bool Stopped { get; private set; }

        public bool Finished => Stopped || Tokens.Count >= Request.Options.MaxNewTokens;

        public void Add(int token, double logProbability)
        {
            Tokens.Add(token);
            LogProbabilities.Add(logProbability);
            Stopped = stops.Contains(token);
        }

        public GeneratedSequence ToSequence(Func<IReadOnlyList<int>, string>? decode)
        {
            string? text = decode?.Invoke(Stopped ? Tokens.GetRange(0, Tokens.Count - 1) : Tokens);
            return new GeneratedSequence(Tokens, LogProbabilities, text, Stopped ? FinishReason.Stop : FinishReason.Length);
        }
    }
}
