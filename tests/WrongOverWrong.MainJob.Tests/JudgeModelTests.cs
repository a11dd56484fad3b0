using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using WrongOverWrong.Elicitation;
using WrongOverWrong.MainJob.Cli;
using WrongOverWrong.MainJob.JudgeModel;
using WrongOverWrong.MainJob.Run;
using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Text;
using static System.FormattableString;

namespace WrongOverWrong.MainJob.Tests;

/// <summary>The judge's recipe keeps clear of every evaluated question, and its replies are what the elicitors parse.</summary>
public sealed class JudgeModelRecipeTests
{
    [Fact]
    public void Training_and_probe_prompts_share_no_question_with_the_evaluated_sets()
    {
        var recipe = new JudgeModelRecipe();
        var oracle = new ShortestPathOracle();
        var judgePrompts = recipe.TrainingQuestions().Concat(recipe.ProbeQuestionSet()).Select(q => q.Prompt).ToHashSet(StringComparer.Ordinal);

        // What the main job (default sizes and seed) and the comparison harness's fallback (a prefix of
        // the main job's training questions) evaluate, and the generator's own probes.
        var defaults = new MainJobOptions { RunFolder = string.Empty, ModelFolder = string.Empty };
        var shipped = new ShippedModelRecipe();
        var evaluated = ExperimentQuestions.Training(Math.Max(defaults.TrainQuestions, 40), defaults.Seed)
            .Concat(ExperimentQuestions.HeldOut(defaults.HeldOutQuestions, defaults.Seed))
            .Concat(shipped.ProbeQuestions(hard: false, 60))
            .Concat(shipped.ProbeQuestions(hard: true, 20));
        var shared = evaluated.Where(q => judgePrompts.Contains(q.Prompt)).Select(q => q.Id).ToList();
        Assert.True(shared.Count == 0, $"The judge trains or probes on evaluated questions: {string.Join(", ", shared)}");

        // The judge prompt embeds the question's text, so a judge prompt overlaps an evaluated one only through it.
        Assert.All(recipe.TrainingQuestions().Take(5), q => Assert.Contains(q.Prompt, JudgeTrainingData.ScoreExample(q, [JudgeTrainingData.Grade(oracle, q, 0, q.GoldAnswer!)]).Prompt, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 1)]
    [InlineData(40, 1)]
    public void Scores_follow_the_distance_from_the_shortest_total(int distance, int expected)
    {
        var grade = new Grade(-distance, 0.5, distance == 0);

        Assert.Equal(expected, JudgeScale.Score(grade, parsable: true));
    }

    [Fact]
    public void An_unreadable_answer_scores_zero() => Assert.Equal(0, JudgeScale.Score(Grade.Unparsable, parsable: false));

    [Fact]
    public void Training_replies_parse_with_the_elicitors_parser()
    {
        var oracle = new ShortestPathOracle();
        var question = new JudgeModelRecipe().TrainingQuestions()[0];
        var gold = oracle.ExtractFinalAnswer(question, question.GoldAnswer!)!.Value!.Value;
        var answers = new[] { gold, gold + 1, gold + 3 }
            .Select((w, i) => JudgeTrainingData.Grade(oracle, question, i, question.GoldAnswer!.Replace(Invariant($"total weight of {gold}"), Invariant($"total weight of {w}"), StringComparison.Ordinal)))
            .Append(JudgeTrainingData.Grade(oracle, question, 3, "I do not know."))
            .ToList();

        var (prompt, reply) = JudgeTrainingData.ScoreExample(question, answers);

        Assert.Equal([5, 4, 2, 0], JudgeVerdictParser.ParseScores(reply, answers.Count));
        Assert.Contains("4 responses", prompt, StringComparison.Ordinal);
        var (_, forward) = JudgeTrainingData.PairwiseExample(question, answers[2], answers[1]);
        var (_, backward) = JudgeTrainingData.PairwiseExample(question, answers[1], answers[2]);
        Assert.Equal(2, JudgeVerdictParser.ParsePairwise(forward));
        Assert.Equal(1, JudgeVerdictParser.ParsePairwise(backward));
    }

    [Fact]
    public void Train_judge_defaults_are_the_recipe_defaults()
    {
        var command = new MainJobCommand(_ => null).Build((_, _) => Task.FromResult(0), (_, _) => Task.FromResult(0), (_, _) => Task.FromResult(0));
        var result = command.Parse(["train-judge", "--questions", "7"]);

        Assert.Empty(result.Errors);
        Assert.Equal(new JudgeModelRecipe { TrainQuestions = 7, GeneratorFolder = TrainJudgeCommand.Recipe(result).GeneratorFolder }, TrainJudgeCommand.Recipe(result));
        Assert.EndsWith(RepositoryPaths.ShippedJudgeRelative, result.GetValue(TrainJudgeCommand.Output)!.Replace('\\', '/'), StringComparison.Ordinal);
    }
}

/// <summary>
/// The shipped judge (models/wow-tiny-judge) is part of the repository: these tests fail, never skip,
/// when it is missing, because the elicitor comparison runs its judges on it.
/// </summary>
public sealed class ShippedJudgeTests
{
    private static string Folder
    {
        get
        {
            string folder = RepositoryPaths.FromRoot(RepositoryPaths.ShippedJudgeRelative);
            Assert.True(File.Exists(Path.Combine(folder, "config.json")), $"The shipped judge is missing: no config.json in {folder}. It is part of the repository; restore it or retrain it with `./run.sh train-judge`.");
            return folder;
        }
    }

    [Fact]
    public void Folder_holds_a_checkpoint_of_a_few_megabytes_with_its_card_and_log()
    {
        string folder = Folder;
        foreach (string file in new[] { "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "README.md", "training-log.txt" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing from {folder}.");
        }

        var tokenizerConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")))!;
        Assert.False(string.IsNullOrWhiteSpace(tokenizerConfig["chat_template"]?.GetValue<string>()), "tokenizer_config.json has no chat_template.");
        Assert.InRange(Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length), 1, 10L * 1024 * 1024);
    }

    [Fact]
    public async Task Judge_loads_and_replies_to_a_score_prompt_in_the_parsable_format()
    {
        TorchSharpNative.EnsureLoaded();
        string folder = Folder;
        using var model = LlamaForCausalLM.FromPretrained(folder);
        using var client = new LocalChatClient(model, HuggingFaceTokenizer.FromFolder(folder), ChatTemplates.FromFolder(folder), new LocalChatClientOptions { MaxOutputTokens = JudgeModelProbe.MaxReplyTokens, Threads = 1 });
        var oracle = new ShortestPathOracle();

        // Fresh questions (a seed neither the judge nor any evaluated set uses), two responses each: a short reply.
        foreach (var question in new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(seed: 2027)).Generate(2))
        {
            var wrong = question.GoldAnswer!.Replace("total weight of ", "total weight of 1", StringComparison.Ordinal);
            var batch = new[] { JudgeTrainingData.Grade(oracle, question, 0, question.GoldAnswer!), JudgeTrainingData.Grade(oracle, question, 1, wrong) };
            var (prompt, _) = JudgeTrainingData.ScoreExample(question, batch);

            var reply = (await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { Temperature = 0f, MaxOutputTokens = JudgeModelProbe.MaxReplyTokens })).Text;

            Assert.True(JudgeVerdictParser.ParseScores(reply, batch.Length) is not null, $"Not two 'Score: n' lines: '{reply}'");
        }
    }
}
