using System.CommandLine;
using WrongOverWrong.MainJob.JudgeModel;

namespace WrongOverWrong.MainJob.Cli;

/// <summary>The <c>train-judge</c> command: retrains the shipped judge (models/wow-tiny-judge) by <see cref="JudgeModelRecipe"/>.</summary>
public static class TrainJudgeCommand
{
    /// <summary>Output folder of the trained judge.</summary>
    public static readonly Option<string> Output = new("--output") { Description = "Folder the judge is written to (default models/wow-tiny-judge in the repository).", DefaultValueFactory = _ => RepositoryPaths.FromRoot(RepositoryPaths.ShippedJudgeRelative) };

    private static readonly JudgeModelRecipe Defaults = new();
    private static readonly Option<string> Generator = new("--generator") { Description = "The generator whose answers (temperature 1) the judge learns to grade (default models/wow-tiny-sp).", DefaultValueFactory = _ => Defaults.GeneratorFolder };
    private static readonly Option<int> Questions = new("--questions") { Description = "Training questions (seeds no evaluated set uses); their sampled answers become judge prompts.", DefaultValueFactory = _ => Defaults.TrainQuestions };
    private static readonly Option<double> HardShare = new("--hard-share") { Description = "Share of questions with NLGraph's hard settings.", DefaultValueFactory = _ => Defaults.HardShare };
    private static readonly Option<int> Samples = new("--samples") { Description = "Answers sampled per question at temperature 1.", DefaultValueFactory = _ => Defaults.Samples };
    private static readonly Option<int> ScorePrompts = new("--score-prompts") { Description = "Score-judge shuffles per question (each cut into batches of k).", DefaultValueFactory = _ => Defaults.ScorePromptsPerQuestion };
    private static readonly Option<int> Pairs = new("--pairs") { Description = "Pairwise-judge pairs per question, each asked in both orders.", DefaultValueFactory = _ => Defaults.PairsPerQuestion };
    private static readonly Option<double> GoldShare = new("--gold-share") { Description = "Probability that a question's gold answer joins its candidates.", DefaultValueFactory = _ => Defaults.GoldShare };
    private static readonly Option<int> K = new("--k") { Description = "Responses per score-judge prompt (the score judge's batch size).", DefaultValueFactory = _ => Defaults.BatchSize };
    private static readonly Option<int> Epochs = new("--epochs") { Description = "Passes over the judge prompts.", DefaultValueFactory = _ => Defaults.Epochs };
    private static readonly Option<int> Hidden = new("--hidden") { Description = "Hidden size.", DefaultValueFactory = _ => Defaults.HiddenSize };
    private static readonly Option<int> Layers = new("--layers") { Description = "Decoder layers.", DefaultValueFactory = _ => Defaults.Layers };
    private static readonly Option<int> Heads = new("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => Defaults.Heads };
    private static readonly Option<int> Mlp = new("--mlp") { Description = "MLP inner size.", DefaultValueFactory = _ => Defaults.IntermediateSize };
    private static readonly Option<int> Vocabulary = new("--vocab") { Description = "Tokenizer vocabulary size (cut to what the corpus supports).", DefaultValueFactory = _ => Defaults.VocabularySize };
    private static readonly Option<int> Batch = new("--batch") { Description = "Examples per optimizer step.", DefaultValueFactory = _ => Defaults.BatchExamples };
    private static readonly Option<double> LearningRate = new("--lr") { Description = "Peak learning rate (cosine schedule).", DefaultValueFactory = _ => Defaults.LearningRate };
    private static readonly Option<int> ProbeEvery = new("--probe-every") { Description = "Steps between two held-out probes.", DefaultValueFactory = _ => Defaults.ProbeEvery };
    private static readonly Option<int> ProbeQuestions = new("--probe-questions") { Description = "Held-out questions whose judge prompts the probes ask.", DefaultValueFactory = _ => Defaults.ProbeQuestions };
    private static readonly Option<int> MaxTokens = new("--max-tokens") { Description = "Longest prompt plus reply in tokens; a longer judge prompt fails the run instead of being truncated.", DefaultValueFactory = _ => Defaults.MaxSequenceTokens };
    private static readonly Option<int> Threads = new("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => Defaults.Threads };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of questions, sampling, draws and weights.", DefaultValueFactory = _ => Defaults.Seed };

    /// <summary>Builds the command; <paramref name="action"/> runs it.</summary>
    /// <param name="action">Runs train-judge with the parse result.</param>
    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("train-judge", "Retrains the shipped judge (models/wow-tiny-judge): samples the generator's answers to fresh shortest-path questions, grades them with the oracle on the score judge's 0-5 scale, and trains a small model from scratch (byte-level BPE + small Llama, SftTrainer) to reply to the pairwise and score judges' prompts; its log is the recipe's record.");
        foreach (Option option in new Option[] { Output, Generator, Questions, HardShare, Samples, ScorePrompts, Pairs, GoldShare, K, Epochs, Hidden, Layers, Heads, Mlp, Vocabulary, Batch, LearningRate, ProbeEvery, ProbeQuestions, MaxTokens, Threads, Seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(action);
        return command;
    }

    /// <summary>The recipe the parse result asks for.</summary>
    /// <param name="result">The parse result of train-judge.</param>
    public static JudgeModelRecipe Recipe(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JudgeModelRecipe
        {
            GeneratorFolder = result.GetValue(Generator)!,
            TrainQuestions = result.GetValue(Questions),
            HardShare = result.GetValue(HardShare),
            Samples = result.GetValue(Samples),
            ScorePromptsPerQuestion = result.GetValue(ScorePrompts),
            PairsPerQuestion = result.GetValue(Pairs),
            GoldShare = result.GetValue(GoldShare),
            BatchSize = result.GetValue(K),
            Epochs = result.GetValue(Epochs),
            HiddenSize = result.GetValue(Hidden),
            Layers = result.GetValue(Layers),
            Heads = result.GetValue(Heads),
            IntermediateSize = result.GetValue(Mlp),
            VocabularySize = result.GetValue(Vocabulary),
            BatchExamples = result.GetValue(Batch),
            LearningRate = result.GetValue(LearningRate),
            ProbeEvery = result.GetValue(ProbeEvery),
            ProbeQuestions = result.GetValue(ProbeQuestions),
            MaxSequenceTokens = result.GetValue(MaxTokens),
            Threads = result.GetValue(Threads),
            Seed = result.GetValue(Seed),
        };
    }
}
