using WrongOverWrong.Benchmarks.Optimization;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// A DPO trainer ready to step: a freshly initialised Llama with LoRA (r 16 on all seven
/// projections, dropout 0), a precomputed reference and AdamW, over random word-token pairs whose
/// prompt and completion are half a sequence each. Shared by the scaling, memory-drift and
/// BenchmarkDotNet parts of the throughput suite so they time the same step.
/// </summary>
internal sealed class DpoStepRig : IDisposable
{
    private readonly LlamaForCausalLM _model;
    private readonly DpoOptimizer _trainer;
    private readonly PreparedRun _run;
    private int _step;

    /// <summary>Builds the model, tokenises the pairs and precomputes the reference (not timed by callers).</summary>
    /// <param name="config">The model; its <see cref="LlamaConfig.MaxPositionEmbeddings"/> must cover <paramref name="sequenceLength"/>.</param>
    /// <param name="pairs">Pairs per step (one micro-batch).</param>
    /// <param name="sequenceLength">Prompt plus completion tokens of each sequence.</param>
    public DpoStepRig(LlamaConfig config, int pairs, int sequenceLength)
    {
        Config = config;
        Pairs = pairs;
        SequenceLength = sequenceLength;
        _model = LlamaForCausalLM.Create(config, seed: 0);
        _model.AttachLora(new LoraOptions { Rank = 16, Alpha = 16, Dropout = 0.0 });
        var tokenizer = new WordTokenizer(config.VocabSize);
        var random = new Random(42);
        int half = sequenceLength / 2;
        var preferences = Enumerable.Range(0, pairs).Select(i => new Preference
        {
            QuestionId = $"q{i}",
            Prompt = WordTokenizer.RandomText(random, half, config.VocabSize),
            Chosen = WordTokenizer.RandomText(random, half, config.VocabSize),
            Rejected = WordTokenizer.RandomText(random, half, config.VocabSize),
        }).ToList();

        // Many epochs so that any step number stays inside the schedule; one step = one micro-batch.
        var options = new TrainerOptions
        {
            BatchSize = pairs,
            Epochs = 100_000,
            MaxLength = sequenceLength,
            MaxPromptLength = half,
        };
        _trainer = new DpoOptimizer(_model, tokenizer, tokenizer, options);
        _run = _trainer.PrepareRun(preferences);
    }

    public LlamaConfig Config { get; }

    public int Pairs { get; }

    public int SequenceLength { get; }

    /// <summary>Tokens through the model per step: chosen and rejected sequence of every pair.</summary>
    public long TokensPerStep => 2L * Pairs * SequenceLength;

    /// <summary>
    /// FLOPs of one step counted as 4·N·T for the base weights' matmuls (forward plus input
    /// gradients; LoRA leaves the base weights without weight gradients) plus causal attention
    /// (QKᵀ and AV over half the L² scores, forward and a backward of twice that).
    /// </summary>
    public double FlopsPerStep
    {
        get
        {
            LlamaConfig c = Config;
            long attentionWidth = (long)c.NumAttentionHeads * c.HeadDim;
            long keyValueWidth = (long)c.NumKeyValueHeads * c.HeadDim;
            long projections = c.NumHiddenLayers * ((2L * c.HiddenSize * attentionWidth) + (2L * c.HiddenSize * keyValueWidth) + (3L * c.HiddenSize * c.IntermediateSize));
            long matmulParameters = projections + ((long)c.VocabSize * c.HiddenSize);
            double linear = 4.0 * matmulParameters * TokensPerStep;
            double attentionForwardPerSequence = 2.0 * (double)SequenceLength * SequenceLength * attentionWidth * c.NumHiddenLayers;
            return linear + (3.0 * attentionForwardPerSequence * 2 * Pairs);
        }
    }

    /// <summary>One optimizer step; returns its loss.</summary>
    public double Step() => _trainer.RunStep(_run, ++_step).Loss;

    public void Dispose()
    {
        _run.Dispose();
        _model.Dispose();
    }
}
