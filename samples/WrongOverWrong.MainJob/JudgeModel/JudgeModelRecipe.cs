using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.MainJob.JudgeModel;

/// <summary>
/// The recipe of the shipped judge model (<c>models/wow-tiny-judge</c>): the generator's recipe
/// (byte-level BPE tokenizer trained on the corpus, small Llama, <see cref="Training.Optimization.SftTrainer"/>)
/// applied to judge prompts. Candidates are answers the shipped generator samples at temperature 1
/// to fresh shortest-path questions, graded by the oracle and mapped to the score judge's 0-5 scale
/// (<see cref="JudgeScale"/>); the prompts are the judge elicitors' own. Every option is a command
/// line option of <c>train-judge</c>; the defaults are the shipped run's.
/// </summary>
public sealed record JudgeModelRecipe
{
    /// <summary>Seed offset of the judge's training questions. Why this far out: the generator trains on seeds 42-44 and probes on 1042-1043, the main job and the comparison harness ask seed + 7,000,000 (training) and seed + 8,000,000 (held-out); the judge must never see those questions.</summary>
    public const int TrainingSeedOffset = 9_000_000;

    /// <summary>Seed offset of the held-out questions the judge's probes use (disjoint from training and from every evaluated set).</summary>
    public const int ProbeSeedOffset = 9_500_000;

    /// <summary>The generator whose answers the judge learns to grade (default: the shipped generator, models/wow-tiny-sp).</summary>
    public string GeneratorFolder { get; init; } = RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative);

    /// <summary>Training questions whose sampled answers become judge prompts (default 300: sampling takes about 1.2 s per question here, and training, not data, is the budget's limit).</summary>
    public int TrainQuestions { get; init; } = 300;

    /// <summary>Share of training questions with NLGraph's hard settings (default 0.15, as for the generator: the real NLGraph file has hard questions too).</summary>
    public double HardShare { get; init; } = 0.15;

    /// <summary>Answers sampled per question at temperature 1 (default 10, the paper's N).</summary>
    public int Samples { get; init; } = 10;

    /// <summary>Score-judge prompts drawn per question, each from a fresh shuffle of its candidates (default 2).</summary>
    public int ScorePromptsPerQuestion { get; init; } = 2;

    /// <summary>Pairwise prompts per question (default 2 pairs, each in both orders, so 4 prompts).</summary>
    public int PairsPerQuestion { get; init; } = 2;

    /// <summary>Probability that the gold answer joins a question's candidates (default 0.3), so the judge also sees score 5.</summary>
    public double GoldShare { get; init; } = 0.3;

    /// <summary>
    /// Responses per score prompt, k (default 5: the score judge's default batch size). Smaller batches
    /// appear too, as the elicitor's remainder batches do.
    /// </summary>
    public int BatchSize { get; init; } = 5;

    /// <summary>Passes over the judge prompts (default 1).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Hidden size (default 128).</summary>
    public int HiddenSize { get; init; } = 128;

    /// <summary>Decoder layers (default 4).</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Attention heads (default 4; key/value heads the same).</summary>
    public int Heads { get; init; } = 4;

    /// <summary>MLP inner size (default 384).</summary>
    public int IntermediateSize { get; init; } = 384;

    /// <summary>Tokenizer vocabulary size before it is cut to what the corpus supports (default 768: the long, fixed judge instructions compress into few tokens).</summary>
    public int VocabularySize { get; init; } = 768;

    /// <summary>Peak learning rate of the cosine schedule (default 2e-3, the generator's).</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Examples per optimizer step (default 8: judge prompts are about twice as long as the generator's).</summary>
    public int BatchExamples { get; init; } = 8;

    /// <summary>Optimizer steps between two held-out probes (default 100).</summary>
    public int ProbeEvery { get; init; } = 100;

    /// <summary>Held-out questions whose judge prompts the probes grade (default 16).</summary>
    public int ProbeQuestions { get; init; } = 16;

    /// <summary>libtorch threads (default 1).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Seed of questions, sampling, draws, tokenizer corpus and weights (default 42).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Longest prompt plus reply, in tokens, the judge is trained on and must serve (default 1536). A judge prompt longer than this fails the run instead of being truncated.</summary>
    public int MaxSequenceTokens { get; init; } = 1536;

    /// <summary>The configuration of the judge for a tokenizer of <paramref name="vocabularySize"/> ids.</summary>
    /// <param name="vocabularySize">The trained tokenizer's size.</param>
    public LlamaConfig ModelConfig(int vocabularySize) =>
        LlamaConfig.Tiny(vocabSize: vocabularySize, hiddenSize: HiddenSize, layers: Layers, heads: Heads, keyValueHeads: Heads, intermediateSize: IntermediateSize);

    /// <summary>The judge's training questions: easy and hard shortest-path questions from seeds no evaluated set uses.</summary>
    public IReadOnlyList<Question> TrainingQuestions() => Questions(TrainQuestions, Seed + TrainingSeedOffset, "judge-train");

    /// <summary>The held-out questions of the probes.</summary>
    public IReadOnlyList<Question> ProbeQuestionSet() => Questions(ProbeQuestions, Seed + ProbeSeedOffset, "judge-probe");

    private IReadOnlyList<Question> Questions(int count, int seed, string prefix)
    {
        int hard = (int)Math.Round(count * HardShare);
        var easyOptions = ShortestPathGeneratorOptions.Easy(seed);
        easyOptions.IdPrefix = prefix + "-easy";
        easyOptions.Difficulty = "easy";
        var hardOptions = ShortestPathGeneratorOptions.Hard(seed + 1);
        hardOptions.IdPrefix = prefix + "-hard";
        var all = new ShortestPathGenerator(easyOptions).Generate(count - hard).Concat(new ShortestPathGenerator(hardOptions).Generate(hard)).ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all));
        return all;
    }
}
