using System.CommandLine;
using WrongOverWrong.MainJob.ShippedModel;

namespace WrongOverWrong.MainJob.Cli;

/// <summary>The <c>train-model</c> command: trains one <see cref="ShippedModelRecipe"/>, from scratch or continuing a model; <c>train-shipped</c> chains five of them into the shipped model.</summary>
public static class TrainModelCommand
{
    /// <summary>Output folder of the trained model.</summary>
    public static readonly Option<string> Output = new("--output") { Description = "Folder the model is written to (default runs/train-model in the repository; the shipped model is retrained by train-shipped).", DefaultValueFactory = _ => RepositoryPaths.FromRoot(Path.Combine("runs", "train-model")) };

    /// <summary>Folder of the probe snapshots.</summary>
    public static readonly Option<string?> Snapshots = new("--snapshots") { Description = "Folder each probe's snapshot is saved to (step-NNNNNN); none when unset." };

    private static readonly ShippedModelRecipe Defaults = new();
    private static readonly Option<int> Questions = new("--questions") { Description = "Training questions, each seen once.", DefaultValueFactory = _ => Defaults.TrainQuestions };
    private static readonly Option<int> Hidden = new("--hidden") { Description = "Hidden size.", DefaultValueFactory = _ => Defaults.HiddenSize };
    private static readonly Option<int> Layers = new("--layers") { Description = "Decoder layers.", DefaultValueFactory = _ => Defaults.Layers };
    private static readonly Option<int> Heads = new("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => Defaults.Heads };
    private static readonly Option<int> Mlp = new("--mlp") { Description = "MLP inner size.", DefaultValueFactory = _ => Defaults.IntermediateSize };
    private static readonly Option<int> Batch = new("--batch") { Description = "Examples per optimizer step.", DefaultValueFactory = _ => Defaults.BatchSize };
    private static readonly Option<int> ProbeEvery = new("--probe-every") { Description = "Steps between two held-out probes.", DefaultValueFactory = _ => Defaults.ProbeEvery };
    private static readonly Option<int> Threads = new("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => Defaults.Threads };
    private static readonly Option<double> LearningRate = new("--lr") { Description = "Peak learning rate (cosine schedule).", DefaultValueFactory = _ => Defaults.LearningRate };
    private static readonly Option<bool> Trace = new("--trace") { Description = "Train answers that give a Dijkstra trace (settled nodes with distance and path) before NLGraph's answer sentence.", DefaultValueFactory = _ => Defaults.Trace };
    private static readonly Option<int> Warmup = new("--warmup-questions") { Description = "Questions on 3-5 node graphs trained first, in a phase of their own (0: none).", DefaultValueFactory = _ => Defaults.WarmupQuestions };
    private static readonly Option<string?> ContinueFrom = new("--continue-from") { Description = "Model folder (weights and tokenizer) to continue training instead of starting from scratch; the size options are then ignored." };
    private static readonly Option<int?> DataSeed = new("--data-seed") { Description = "Seed of the training questions (default: the recipe seed); give a new one when continuing, so the questions are fresh." };
    private static readonly Option<bool> MergeAcrossWords = new("--merge-across-words") { Description = "Train a tokenizer that keeps only digits apart, so frequent runs like \" and node \" become one token (prompts about 2.4x shorter).", DefaultValueFactory = _ => Defaults.MergeAcrossWords };
    private static readonly Option<int> NeighbourQuestions = new("--neighbour-questions") { Description = "Auxiliary examples that ask for the neighbours of a question's source and target, shuffled into training (0: none).", DefaultValueFactory = _ => Defaults.NeighbourQuestions };
    private static readonly Option<bool> NeighboursFirst = new("--neighbours-first") { Description = "Train answers that list the neighbours of the source and the target before NLGraph's answer sentence.", DefaultValueFactory = _ => Defaults.NeighboursFirst };
    private static readonly Option<bool> PathCandidates = new("--path-candidates") { Description = "With --neighbours-first: also write the paths of at most two edges with their sums (\"Paths: 0,3,2 is 2+1=3; 0,2 is 4.\") before the answer sentence.", DefaultValueFactory = _ => Defaults.PathCandidates };
    private static readonly Option<int?> NeighbourMaxNodes = new("--neighbour-max-nodes") { Description = "Largest graph (at least 3 nodes) of the neighbour-list examples and the look-up probe (default: NLGraph's easy sizes, 5-10 nodes)." };
    private static readonly Option<double> HardShare = new("--hard-share") { Description = "Share of questions with NLGraph's hard settings.", DefaultValueFactory = _ => Defaults.HardShare };

    /// <summary>Builds the command; <paramref name="action"/> runs it.</summary>
    /// <param name="action">Runs train-model with the parse result.</param>
    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("train-model", "Trains one recipe: a byte-level BPE tokenizer and a small Llama from scratch (or --continue-from a model), SftTrainer on synthetic shortest-path questions; its log is the recipe's record. The shipped model is five such runs (train-shipped).");
        foreach (Option option in new Option[] { Output, Snapshots, Questions, Hidden, Layers, Heads, Mlp, Batch, ProbeEvery, Threads, LearningRate, HardShare, Trace, Warmup, ContinueFrom, DataSeed, MergeAcrossWords, NeighbourQuestions, NeighboursFirst, PathCandidates, NeighbourMaxNodes })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(PathCandidates) && !result.GetValue(NeighboursFirst))
            {
                result.AddError("--path-candidates needs --neighbours-first true: the paths are written after the neighbour lists.");
            }
        });
        command.SetAction(action);
        return command;
    }

    /// <summary>The recipe the parse result asks for.</summary>
    /// <param name="result">The parse result of train-model.</param>
    public static ShippedModelRecipe Recipe(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ShippedModelRecipe
        {
            TrainQuestions = result.GetValue(Questions),
            HiddenSize = result.GetValue(Hidden),
            Layers = result.GetValue(Layers),
            Heads = result.GetValue(Heads),
            IntermediateSize = result.GetValue(Mlp),
            BatchSize = result.GetValue(Batch),
            ProbeEvery = result.GetValue(ProbeEvery),
            Threads = result.GetValue(Threads),
            LearningRate = result.GetValue(LearningRate),
            HardShare = result.GetValue(HardShare),
            Trace = result.GetValue(Trace),
            WarmupQuestions = result.GetValue(Warmup),
            ContinueFrom = result.GetValue(ContinueFrom),
            DataSeed = result.GetValue(DataSeed),
            MergeAcrossWords = result.GetValue(MergeAcrossWords),
            NeighbourQuestions = result.GetValue(NeighbourQuestions),
            NeighboursFirst = result.GetValue(NeighboursFirst),
            PathCandidates = result.GetValue(PathCandidates),
            NeighbourMaxNodes = result.GetValue(NeighbourMaxNodes),
        };
    }
}
