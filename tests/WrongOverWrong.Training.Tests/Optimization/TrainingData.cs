using WrongOverWrong.Training.Optimization;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>Small preference sets and options that train the tiny model in well under a second.</summary>
internal static class TrainingData
{
    public static readonly CharacterTokenizer Tokenizer = new();
    public static readonly TestChatTemplate Template = new();

    public static IReadOnlyList<Preference> Pairs(int count = 4)
    {
        string[] prompts = ["shortest path from a to d?", "max flow from s to t?", "which word rhymes with cat?", "how many legs has a spider?", "capital of france?", "two plus three?"];
        string[] chosen = ["it is 3", "the flow is 7", "hat", "eight", "paris", "five"];
        string[] rejected = ["it is 9", "the flow is 2", "dog", "six", "rome", "nine"];
        return [.. Enumerable.Range(0, count).Select(i => new Preference
        {
            QuestionId = $"q{i}",
            Prompt = prompts[i % prompts.Length],
            Chosen = chosen[i % chosen.Length],
            Rejected = rejected[i % rejected.Length],
        })];
    }

    public static TrainerOptions Options(string? outputDirectory = null) => new()
    {
        LearningRate = 0.02,
        Epochs = 3,
        BatchSize = 2,
        MaxLength = 64,
        MaxPromptLength = 40,
        OutputDirectory = outputDirectory,
        SaveTotalLimit = null,
    };

    public static TinyCausalModel LoraModel(long seed = 1) => new(Tokenizer.VocabularySize, hidden: 16, loraRank: 4, seed: seed);

    public static TinyCausalModel FullModel(long seed = 1) => new(Tokenizer.VocabularySize, hidden: 16, loraRank: 0, seed: seed);

    public static string TemporaryDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "wow-optim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
