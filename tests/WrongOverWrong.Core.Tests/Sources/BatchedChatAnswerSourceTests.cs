using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Sources;
using WrongOverWrong.Tests.TestDoubles;
using static WrongOverWrong.Tests.TestDoubles.AsyncItems;

namespace WrongOverWrong.Tests.Sources;

public class BatchedChatAnswerSourceTests
{
    private static readonly FakeMultipleChoiceTask McTask = new();
    private static readonly FakeNumericTask NumericTask = new();

    // The answer is a function of the seed alone, as a seeded local model's would be.
    private static ScriptedChatClient SeededModel() => ScriptedChatClient.FromText(call =>
        call.Messages.Count == 1 ? $"I pick {call.Options!.Seed!.Value % 1000}." : $"Answer: {call.Messages[1].Text[7..^1]}");

    [Fact]
    public async Task A_batching_client_gets_every_answer_in_one_call_and_the_final_answer_turns_in_another()
    {
        var client = new BatchingScriptedChatClient(FakeMultipleChoiceTask.ParisModel());
        var source = new ChatAnswerSource(client, new ChatAnswerSourceOptions { SamplesPerQuestion = 4, Seed = 7 });

        var sets = await Collect(source.GetAnswerSetsAsync(McTask, [TestData.CapitalQuestion("a"), TestData.CapitalQuestion("b"), TestData.CapitalQuestion("c")]));

        Assert.Equal(0, client.SingleCalls);
        Assert.Equal(2, client.Batches.Count);
        var first = client.Batches[0];
        Assert.Equal(12, first.Sum(r => r.Count));
        Assert.All(first, r => Assert.Equal(1.0f, r.Options!.Temperature));
        var second = client.Batches[1];
        Assert.Equal(12, second.Count);
        Assert.All(second, r => Assert.Equal((1, 0f, 32, 3), (r.Count, r.Options!.Temperature, r.Options.MaxOutputTokens, r.Messages.Count)));
        Assert.Equal(3, sets.Count);
        Assert.Equal(12, sets.Sum(s => s.Candidates.Count));
        Assert.All(sets.SelectMany(s => s.Candidates), c => Assert.Equal((1, "B"), (c.OptionIndex!.Value, c.FinalAnswer)));
        Assert.Equal([0, 1, 2, 3], sets[0].Candidates.Select(c => c.Index));
    }

    [Fact]
    public async Task Batched_and_per_answer_paths_pass_the_same_per_answer_seeds_and_give_the_same_sets()
    {
        var questions = Enumerable.Range(0, 5).Select(i => TestData.NumericQuestion($"n{i}")).ToList();
        var batching = new BatchingScriptedChatClient(SeededModel());
        var batched = await Collect(new ChatAnswerSource(batching, new ChatAnswerSourceOptions { SamplesPerQuestion = 3, QuestionsPerBatch = 2, Seed = 11 })
            .GetAnswerSetsAsync(NumericTask, questions));
        var plain = SeededModel();
        var perAnswer = await Collect(new ChatAnswerSource(plain, new ChatAnswerSourceOptions { SamplesPerQuestion = 3, Seed = 11 })
            .GetAnswerSetsAsync(NumericTask, questions));

        Assert.Equal(6, batching.Batches.Count); // three groups of questions (2, 2, 1), two turns each
        static string Key(IEnumerable<AnswerSet> sets) =>
            string.Join("|", sets.OrderBy(s => s.Question.Id).SelectMany(s => s.Candidates.Select(c => $"{c.QuestionId}/{c.Index}:{c.Response}:{c.FinalAnswer}")));
        Assert.Equal(Key(perAnswer), Key(batched));

        // Every answer has its own seed; the greedy turn reuses it; a rerun passes the same seeds.
        var seeds = plain.Calls.Where(c => c.Messages.Count == 1).Select(c => c.Options!.Seed!.Value).ToList();
        Assert.Equal(15, seeds.Distinct().Count());
        Assert.Equal(15, plain.Calls.Count(c => c.Messages.Count == 3)); // one greedy turn per answer
        Assert.All(plain.Calls.Where(c => c.Messages.Count == 3), c => Assert.Contains(c.Options!.Seed!.Value, seeds));
        var other = await Collect(new ChatAnswerSource(new BatchingScriptedChatClient(SeededModel()), new ChatAnswerSourceOptions { SamplesPerQuestion = 3, Seed = 12 })
            .GetAnswerSetsAsync(NumericTask, questions));
        Assert.NotEqual(Key(batched), Key(other));
    }

    [Fact]
    public async Task A_client_without_the_capability_or_with_batching_off_gets_one_call_per_answer()
    {
        var plain = FakeMultipleChoiceTask.ParisModel();
        await Collect(new ChatAnswerSource(plain, new ChatAnswerSourceOptions { SamplesPerQuestion = 3 }).GetAnswerSetsAsync(McTask, [TestData.CapitalQuestion()]));
        Assert.Equal(6, plain.CallCount);

        var batching = new BatchingScriptedChatClient(FakeMultipleChoiceTask.ParisModel());
        await Collect(new ChatAnswerSource(batching, new ChatAnswerSourceOptions { SamplesPerQuestion = 3, BatchWhenAvailable = false }).GetAnswerSetsAsync(McTask, [TestData.CapitalQuestion()]));
        Assert.Empty(batching.Batches);
        Assert.Equal(6, batching.SingleCalls);
    }

    [Fact]
    public void Answer_seeds_are_stable_and_distinct()
    {
        Assert.Equal(SampleSeeds.AnswerSeed(42, "q1", 0), SampleSeeds.AnswerSeed(42, "q1", 0));
        Assert.NotEqual(SampleSeeds.AnswerSeed(42, "q1", 0), SampleSeeds.AnswerSeed(42, "q1", 1));
        Assert.NotEqual(SampleSeeds.AnswerSeed(42, "q1", 0), SampleSeeds.AnswerSeed(43, "q1", 0));
        Assert.NotEqual(SampleSeeds.AnswerSeed(42, "q1", 0), SampleSeeds.AnswerSeed(42, "q2", 0));
        Assert.True(SampleSeeds.AnswerSeed(42, "q1", 0) >= 0);
    }
}
