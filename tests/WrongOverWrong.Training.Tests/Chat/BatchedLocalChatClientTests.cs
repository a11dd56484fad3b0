using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Sources;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Tests.Chat;

/// <summary>ChatAnswerSource over the local client: batched and per-answer runs give the same answers from the same seeds.</summary>
public sealed class BatchedLocalChatClientTests : TorchTestBase
{
    private static HuggingFaceTokenizer TrainTokenizer() => ByteLevelBpeTrainer.Train(
        ["an edge between node 0 and node 1 with weight 3,\nQ: Give the shortest path from node 0 to node 2.\nA:", "The shortest path from node 0 to node 2 is 0,1,2 with a total weight of 4"],
        new ByteLevelBpeTrainerOptions { VocabularySize = 300 }).CreateTokenizer();

    private static readonly Question[] Questions = Enumerable.Range(0, 5).Select(i => new Question
    {
        Id = $"sp{i}",
        Task = "echo",
        Prompt = $"Give the shortest path from node 0 to node {i}." + string.Concat(Enumerable.Repeat(" an edge between node 0 and node 1 with weight 3,", i)),
    }).ToArray();

    private static async Task<string> Run(LocalChatClient client, bool batch, int seed, int threads = 1)
    {
        var source = new ChatAnswerSource(client, new ChatAnswerSourceOptions
        {
            SamplesPerQuestion = 4, MaxOutputTokens = 8, FinalAnswerMaxOutputTokens = 4, Seed = seed, BatchWhenAvailable = batch, QuestionsPerBatch = 3,
        });
        var lines = new List<string>();
        await foreach (var set in source.GetAnswerSetsAsync(new EchoTask(), Questions))
        {
            lines.AddRange(set.Candidates.Select(c => $"{c.QuestionId}/{c.Index}: {c.Response.ReplaceLineEndings(" ")} => {c.FinalAnswer?.ReplaceLineEndings(" ")} ({c.MeanLogProbability:F4})"));
        }

        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Batched_and_per_answer_sampling_give_the_same_answers_and_final_answers()
    {
        var tokenizer = TrainTokenizer();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: tokenizer.VocabularySize), seed: 3);
        using var client = new LocalChatClient(model, tokenizer, new TinyChatTemplate(), new LocalChatClientOptions { Threads = 1 });
        Assert.Same(client, client.GetService<IBatchChatClient>());

        string batched = await Run(client, batch: true, seed: 1);
        string perAnswer = await Run(client, batch: false, seed: 1);
        string otherSeed = await Run(client, batch: true, seed: 2);

        Assert.Equal(perAnswer, batched);
        Assert.NotEqual(batched, otherSeed);
        Assert.Equal(20, batched.Split('\n').Length);
    }

    [Fact]
    public async Task Batch_responses_follow_their_seeds_whatever_shares_the_batch()
    {
        var tokenizer = TrainTokenizer();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: tokenizer.VocabularySize), seed: 5);
        using var client = new LocalChatClient(model, tokenizer, new TinyChatTemplate(), new LocalChatClientOptions { Threads = 1 });
        var options = new ChatOptions { Temperature = 1, MaxOutputTokens = 6 };
        ChatMessage[] a = [new(ChatRole.User, "Give the shortest path from node 0 to node 2.")];
        ChatMessage[] b = [new(ChatRole.User, "an edge between node 0 and node 1 with weight 3, then?")];

        var together = await client.GetBatchResponsesAsync([new ChatBatchRequest(a, 2, options, [10, 11]), new ChatBatchRequest(b, 1, options, [12])]);
        var alone = await client.GetResponseAsync(b, new ChatOptions { Temperature = 1, MaxOutputTokens = 6, Seed = 12 });
        var one = await client.GetBatchResponsesAsync([new ChatBatchRequest(a, 1, options, [11])]);

        Assert.Equal(alone.Text, together[1][0].Text);
        Assert.Equal(one[0][0].Text, together[0][1].Text);
        Assert.Equal(3, together.Sum(r => r.Count));
    }

    [Fact]
    public async Task The_same_seeds_give_the_same_answers_at_one_and_two_libtorch_threads()
    {
        // Issue 11: a rerun reproduces its answer sets whatever thread count the machine gets.
        var tokenizer = TrainTokenizer();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: tokenizer.VocabularySize), seed: 9);
        var options = new ChatOptions { Temperature = 1, MaxOutputTokens = 12 };
        ChatMessage[] a = [new(ChatRole.User, "Give the shortest path from node 0 to node 2.")];
        ChatMessage[] b = [new(ChatRole.User, "an edge between node 0 and node 1 with weight 3, then?")];
        ChatBatchRequest[] requests = [new(a, 3, options, [21, 22, 23]), new(b, 2, options, [24, 25])];

        string[] oneThread, twoThreads;
        using (var client = new LocalChatClient(model, tokenizer, new TinyChatTemplate(), new LocalChatClientOptions { Threads = 1 }))
        {
            oneThread = (await client.GetBatchResponsesAsync(requests)).SelectMany(r => r).Select(r => r.Text).ToArray();
        }

        using (var client = new LocalChatClient(model, tokenizer, new TinyChatTemplate(), new LocalChatClientOptions { Threads = 2 }))
        {
            twoThreads = (await client.GetBatchResponsesAsync(requests)).SelectMany(r => r).Select(r => r.Text).ToArray();
        }

        TorchThreads.Apply(1);
        Assert.Equal(5, oneThread.Length);
        Assert.True(oneThread.Distinct().Count() > 1, "different seeds should give different answers");
        Assert.Equal(oneThread, twoThreads);
    }

    /// <summary>Free-text answers; the final answer is the second turn's text.</summary>
    private sealed class EchoTask : ITaskOracle
    {
        public string Name => "echo";

        public bool IsMultipleChoice => false;

        public string FinalAnswerInstruction => "Answer:";

        public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null) => question.Prompt;

        public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null) => new(text);

        public Grade Grade(Question question, Candidate candidate) => new(0, 0, false);
    }
}
