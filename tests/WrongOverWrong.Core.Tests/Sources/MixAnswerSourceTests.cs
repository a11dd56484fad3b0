using WrongOverWrong.Sources;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Sources;

public class MixAnswerSourceTests
{
    [Fact]
    public async Task Pools_named_generators_per_question_and_reindexes()
    {
        var task = new FakeNumericTask();
        var small = new ChatAnswerSource(ScriptedChatClient.FromText(_ => "Answer: 1"), new ChatAnswerSourceOptions { GeneratorName = "small", SamplesPerQuestion = 2, Extraction = FinalAnswerExtraction.Direct });
        var large = new ChatAnswerSource(ScriptedChatClient.FromText(_ => "Answer: 2", delay: TimeSpan.FromMilliseconds(5)), new ChatAnswerSourceOptions { GeneratorName = "large", SamplesPerQuestion = 3, Extraction = FinalAnswerExtraction.Direct });
        var mix = new MixAnswerSource([small, large]);

        var sets = new List<AnswerSet>();
        await foreach (var set in mix.GetAnswerSetsAsync(task, [TestData.NumericQuestion("a"), TestData.NumericQuestion("b")]))
        {
            sets.Add(set);
        }

        Assert.Equal(["a", "b"], sets.Select(s => s.Question.Id).Order());
        foreach (var set in sets)
        {
            Assert.Equal([0, 1, 2, 3, 4], set.Candidates.Select(c => c.Index));
            Assert.Equal(["small", "small", "large", "large", "large"], set.Candidates.Select(c => c.Generator));
            Assert.Equal(["1", "1", "2", "2", "2"], set.Candidates.Select(c => c.FinalAnswer));
            Assert.All(set.Candidates, c => Assert.Equal(set.Question.Id, c.QuestionId));
        }
    }

    [Fact]
    public void Needs_at_least_one_source()
    {
        Assert.Throws<ArgumentException>(() => new MixAnswerSource([]));
    }
}
