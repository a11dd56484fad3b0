using System.Globalization;
using TorchSharp;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>
/// The recipe of the shipped default model: a byte-level BPE tokenizer and a small Llama-architecture
/// model trained from scratch by <see cref="SftTrainer"/> on synthetic NLGraph-style shortest-path
/// questions, answering in NLGraph's answer format. Every size and step count is an option so a
/// user can retrain it (or a larger one) with one command; the defaults are the shipped run's.
/// </summary>
public sealed record ShippedModelRecipe
{
    /// <summary>Fresh training questions; each is seen once (default 32,000).</summary>
    public int TrainQuestions { get; init; } = 32_000;

    /// <summary>
    /// Questions on small graphs (3-5 nodes, weights 1-4) trained in a first phase of their own, before
    /// the NLGraph-size questions (default 0: no warm-up). Why: short prompts have few edges to look
    /// up, so the model can learn to read the graph before it meets NLGraph's 300-token prompts.
    /// </summary>
    public int WarmupQuestions { get; init; }

    /// <summary>
    /// Auxiliary neighbour-list examples (<see cref="NeighbourListExample"/>) shuffled into the training
    /// questions, on graphs of their own (default 0: none). Why: a dense training signal for looking
    /// edges up in the prompt, which every answer-only recipe failed to learn.
    /// </summary>
    public int NeighbourQuestions { get; init; }

    /// <summary>
    /// The largest graph of the neighbour-list examples and of the look-up probe (default null: NLGraph's
    /// easy sizes, 5-10 nodes); when set, their graphs have 3 to this many nodes. Why: a check that the
    /// look-up can form at all, on graphs with only a few edges to search.
    /// </summary>
    public int? NeighbourMaxNodes { get; init; }

    /// <summary>The graphs of the neighbour-list examples (<paramref name="prefix"/> "train-neighbours") or of the look-up probe.</summary>
    /// <param name="seed">Generator seed.</param>
    /// <param name="prefix">Question id prefix.</param>
    /// <param name="count">How many.</param>
    public IReadOnlyList<Question> NeighbourGraphs(int seed, string prefix, int count)
    {
        var options = Options(ShortestPathGeneratorOptions.Easy(seed), prefix);
        if (NeighbourMaxNodes is { } max)
        {
            if (max < 3)
            {
                throw new ArgumentOutOfRangeException(nameof(NeighbourMaxNodes), max, "NeighbourMaxNodes: a graph needs at least 3 nodes.");
            }

            options.MinNodes = 3;
            options.MaxNodes = max;
        }

        return new ShortestPathGenerator(options).Generate(count).ToList();
    }

    /// <summary>Share of training questions drawn with NLGraph's hard settings (default 0.15).</summary>
    public double HardShare { get; init; } = 0.15;

    /// <summary>
    /// Whether answers give a Dijkstra trace before NLGraph's answer sentence (<see cref="DijkstraTrace"/>)
    /// or the sentence alone (default false).
    /// </summary>
    public bool Trace { get; init; }

    /// <summary>
    /// Whether answers first list the neighbours of the source and the target
    /// (<see cref="NeighbourListExample.Lists"/>) and then give NLGraph's answer sentence (default false).
    /// Why: most NLGraph easy answers are two-edge paths, which the two lists decide (a common neighbour
    /// with the least sum), so the model combines a few tokens of its own instead of searching the prompt.
    /// </summary>
    public bool NeighboursFirst { get; init; }

    /// <summary>
    /// Whether answers with the neighbours first (<see cref="NeighboursFirst"/>, which this needs) also
    /// write the paths of at most two edges with their sums (<see cref="TwoHopPaths"/>) before the
    /// answer sentence (default false). Why: with the lists right, the model still has to match them,
    /// add and take the least sum in one step; written out, each of those is a short copy or sum.
    /// </summary>
    public bool PathCandidates { get; init; }

    /// <summary>
    /// Whether the tokenizer may merge across words (default false: Qwen2's pattern, which keeps words
    /// apart). When true, only digits are kept apart (<see cref="AcrossWordsPattern"/>), so a frequent
    /// run such as " and node " becomes one token: an NLGraph edge line shrinks from 15 tokens to about
    /// 6, a prompt from about 307 tokens to about 130, and the two node ids and the weight of an edge
    /// sit two positions apart instead of five. Why: the model's limit is looking edges up in the
    /// prompt, and shorter, denser prompts make both the lookup and each training step cheaper.
    /// </summary>
    public bool MergeAcrossWords { get; init; }

    /// <summary>The pre-tokenizer pattern of <see cref="MergeAcrossWords"/>: each digit alone, and each run of non-digits.</summary>
    public const string AcrossWordsPattern = @"\p{N}|[^\p{N}]+";

    /// <summary>The tokenizer training settings this recipe asks for.</summary>
    public ByteLevelBpeTrainerOptions TokenizerOptions() => new()
    {
        VocabularySize = VocabularySize,
        PreTokenizerPattern = MergeAcrossWords ? AcrossWordsPattern : ByteLevelBpeTrainerOptions.DefaultPattern,
    };

    /// <summary>
    /// New tokens a sampled answer of the shipped model may take, wherever the project samples it (the
    /// main job, the elicitor comparison, the judge's training data). Why 256: an answer that lists the
    /// neighbours and the two-edge paths before its sentence takes up to 169 tokens on NLGraph's easy
    /// graphs (the longest of 2,000 with the shipped tokenizer, which a test measures), and every
    /// answer stops at the end-of-turn token, so the limit costs only runaway answers.
    /// </summary>
    public const int AnswerTokens = 256;

    /// <summary>Hidden size (default 128).</summary>
    public int HiddenSize { get; init; } = 128;

    /// <summary>Decoder layers (default 4).</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Attention heads (default 4; key/value heads the same).</summary>
    public int Heads { get; init; } = 4;

    /// <summary>MLP inner size (default 384).</summary>
    public int IntermediateSize { get; init; } = 384;

    /// <summary>Tokenizer vocabulary size before it is cut to what the corpus supports (default 512).</summary>
    public int VocabularySize { get; init; } = 512;

    /// <summary>Peak learning rate of the cosine schedule (default 2e-3).</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Examples per optimizer step (default 16).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Optimizer steps between two held-out probes (default 250).</summary>
    public int ProbeEvery { get; init; } = 250;

    /// <summary>libtorch threads (default 1: on a busy 2-core machine 2 threads were far slower).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Seed of data, tokenizer corpus, weights and probes (default 42).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Seed of the training questions when it differs from <see cref="Seed"/> (default null: <see cref="Seed"/>).
    /// A continued run (<see cref="ContinueFrom"/>) sets it so it does not see its first run's questions again;
    /// the probes always come from <see cref="Seed"/>, so two runs' probes stay comparable.
    /// </summary>
    public int? DataSeed { get; init; }

    /// <summary>
    /// A model folder (Hugging Face layout, with its tokenizer) whose weights and tokenizer this run
    /// continues to train instead of starting from scratch (default null: from scratch). The size
    /// options are then taken from that folder's config.json.
    /// </summary>
    public string? ContinueFrom { get; init; }

    /// <summary>The configuration of the model this recipe builds for a tokenizer of <paramref name="vocabularySize"/> ids.</summary>
    public LlamaConfig ModelConfig(int vocabularySize)
    {
        return LlamaConfig.Tiny(
            vocabSize: vocabularySize,
            hiddenSize: HiddenSize,
            layers: Layers,
            heads: Heads,
            keyValueHeads: Heads,
            intermediateSize: IntermediateSize);
    }

    /// <summary>Training questions: easy and hard NLGraph-style shortest-path questions, interleaved by a seeded draw.</summary>
    public IReadOnlyList<Question> TrainingQuestions()
    {
        int seed = DataSeed ?? Seed;
        int hard = (int)Math.Round(TrainQuestions * HardShare);
        var easy = new ShortestPathGenerator(Options(ShortestPathGeneratorOptions.Easy(seed), "train-easy")).Generate(TrainQuestions - hard);
        var hardQuestions = new ShortestPathGenerator(Options(ShortestPathGeneratorOptions.Hard(seed + 1), "train-hard")).Generate(hard);
        var all = easy.Concat(hardQuestions).ToList();
        Shuffle(all, new Random(seed));
        return all;
    }

    /// <summary>
    /// The training examples: each training question with its completion, and the
    /// <see cref="NeighbourQuestions"/> auxiliary examples shuffled in by a seeded draw.
    /// </summary>
    /// <param name="questions">The training questions (<see cref="TrainingQuestions"/>), generated once by the caller.</param>
    /// <param name="buildPrompt">Turns a question into the prompt the model sees (the oracle's chat prompt).</param>
    public IReadOnlyList<(string Prompt, string Completion)> TrainingExamples(IReadOnlyList<Question> questions, Func<Question, string> buildPrompt)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(buildPrompt);
        var examples = questions.Select(q => (buildPrompt(q), Completion(q))).ToList();
        if (NeighbourQuestions == 0)
        {
            return examples;
        }

        int seed = (DataSeed ?? Seed) + 3;
        var graphs = NeighbourGraphs(seed, "train-neighbours", NeighbourQuestions);
        examples.AddRange(graphs.Select(NeighbourListExample.Create));
        Shuffle(examples, new Random(seed));
        return examples;
    }

    /// <summary>The warm-up phase's questions on small graphs (<see cref="WarmupQuestions"/> of them).</summary>
    public IReadOnlyList<Question> WarmupTrainingQuestions()
    {
        if (WarmupQuestions == 0)
        {
            return [];
        }

        var options = Options(ShortestPathGeneratorOptions.Easy(Seed + 2), "train-small");
        options.MinNodes = 3;
        options.MaxNodes = 5;
        return new ShortestPathGenerator(options).Generate(WarmupQuestions).ToList();
    }

    /// <summary>The completion the model is trained to write for <paramref name="question"/>.</summary>
    public string Completion(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (PathCandidates && !NeighboursFirst)
        {
            throw new InvalidOperationException("PathCandidates: the two-hop paths are written after the neighbour lists, so they need NeighboursFirst.");
        }

        if (Trace)
        {
            return DijkstraTrace.WriteCompletion(ShortestPathProblem.Parse(question.Id, question.Prompt));
        }

        if (!NeighboursFirst)
        {
            return question.GoldAnswer!;
        }

        var problem = ShortestPathProblem.Parse(question.Id, question.Prompt);
        string lists = NeighbourListExample.Lists(problem) + " ";
        return PathCandidates ? lists + TwoHopPaths.Write(problem) + " " + question.GoldAnswer : lists + question.GoldAnswer;
    }

    /// <summary>Probe questions, from seeds the training data never uses.</summary>
    public IReadOnlyList<Question> ProbeQuestions(bool hard, int count) =>
        new ShortestPathGenerator(Options(hard ? ShortestPathGeneratorOptions.Hard(Seed + 1001) : ShortestPathGeneratorOptions.Easy(Seed + 1000), hard ? "probe-hard" : "probe-easy")).Generate(count).ToList();

    // Fisher-Yates, so a seed gives the same order on every platform.
    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ShortestPathGeneratorOptions Options(ShortestPathGeneratorOptions options, string prefix)
    {
        options.IdPrefix = prefix;
        options.Difficulty = prefix.EndsWith("hard", StringComparison.Ordinal) ? "hard" : "easy";
        return options;
    }
}
