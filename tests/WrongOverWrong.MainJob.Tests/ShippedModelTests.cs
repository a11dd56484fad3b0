using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using WrongOverWrong.MainJob;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.MainJob.Tests;

/// <summary>
/// The shipped model (models/wow-tiny-sp) is part of the repository: these tests fail, never skip,
/// when it is missing, because the main job's default run depends on it.
/// </summary>
public sealed class ShippedModelTests
{
    private static string Folder
    {
        get
        {
            string folder = RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative);
            Assert.True(File.Exists(Path.Combine(folder, "config.json")), $"The shipped model is missing: no config.json in {folder}. It is part of the repository; restore it or retrain it with `./run.sh train-shipped`.");
            return folder;
        }
    }

    [Fact]
    public void Folder_HoldsAHuggingFaceCheckpointOfAFewMegabytes()
    {
        string folder = Folder;
        foreach (string file in new[] { "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing from {folder}.");
        }

        var tokenizerConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")))!;
        Assert.False(string.IsNullOrWhiteSpace(tokenizerConfig["chat_template"]?.GetValue<string>()), "tokenizer_config.json has no chat_template.");
        long bytes = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);
        Assert.InRange(bytes, 1, 10L * 1024 * 1024);
    }

    [Fact]
    public async Task Model_LoadsAndAnswersInNLGraphsFormat()
    {
        TorchSharpNative.EnsureLoaded();
        string folder = Folder;
        using var model = LlamaForCausalLM.FromPretrained(folder);
        var tokenizer = HuggingFaceTokenizer.FromFolder(folder);
        var template = ChatTemplates.FromFolder(folder);
        using var client = new LocalChatClient(model, tokenizer, template, new LocalChatClientOptions { MaxOutputTokens = ShippedModel.ShippedModelRecipe.AnswerTokens });
        var oracle = new ShortestPathOracle();
        foreach (var question in new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(seed: 2026)).Generate(3))
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, oracle.BuildPrompt(question))], new ChatOptions { Temperature = 0f, MaxOutputTokens = ShippedModel.ShippedModelRecipe.AnswerTokens });
            string text = response.Text.Trim();
            // The shipped model first writes the two neighbour lists and the two-edge paths, then NLGraph's sentence.
            Assert.True(
                System.Text.RegularExpressions.Regex.IsMatch(text, @"^Node \d+: [^.]*\. Node \d+: [^.]*\. Paths: [^.]*\. The shortest path from node \d+ to node \d+ is \d+(,\d+)* with a total weight of \d+\.?$"),
                $"Not lists, paths and NLGraph's answer sentence: '{text}'");
            Assert.NotNull(oracle.ExtractFinalAnswer(question, text));
        }
    }

    [Fact]
    public void AnswerTokens_LeavesRoomForTheLongestTrainedAnswer()
    {
        var tokenizer = HuggingFaceTokenizer.FromFolder(Folder);
        var recipe = new ShippedModel.ShippedModelRecipe { NeighboursFirst = true, PathCandidates = true };
        var lengths = new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(seed: 99)).Generate(2000)
            .Select(q => tokenizer.Encode(recipe.Completion(q)).Count)
            .ToList();

        Assert.Equal(2000, lengths.Count);
        // Room to spare: a sampled answer may list a wrong neighbour or two more than the trained one.
        Assert.True(lengths.Max() + 40 <= ShippedModel.ShippedModelRecipe.AnswerTokens, $"The longest trained answer takes {lengths.Max()} tokens; AnswerTokens is {ShippedModel.ShippedModelRecipe.AnswerTokens}.");
        Assert.True(lengths.Max() > 64, "The trained answers fit the old 64-token limit; AnswerTokens' reason no longer holds.");
    }
}
