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
    public async Task A_question_some_source_never_returns_is_an_error_naming_it_and_the_source()
    {
        var task = new FakeNumericTask();
        var full = new ChatAnswerSource(ScriptedChatClient.FromText(_ => "Answer: 1"), new ChatAnswerSourceOptions { GeneratorName = "full", SamplesPerQuestion = 1, Extraction = FinalAnswerExtraction.Direct });
        var gappy = new ScriptedSource(skip: ["b", "c"]);
        var mix = new MixAnswerSource([full, gappy]);

        var sets = new List<AnswerSet>();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var set in mix.GetAnswerSetsAsync(task, new[] { "a", "b", "c" }.Select(TestData.NumericQuestion)))
            {
                sets.Add(set);
            }
        });

        Assert.Equal(["a"], sets.Select(s => s.Question.Id)); // the complete set still came through
        Assert.Equal(["full", "scripted"], sets[0].Candidates.Select(c => c.Generator));
        Assert.Contains("2 of 3 questions", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'b' (not returned by source 1 (ScriptedSource))", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'c' (not returned by source 1 (ScriptedSource))", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_that_returns_a_question_twice_is_an_error()
    {
        var mix = new MixAnswerSource([new ScriptedSource(skip: [], twice: true), new ScriptedSource(skip: [])]);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Drain(mix, new FakeNumericTask(), ["a"]));

        Assert.Contains("source 0 (ScriptedSource) returned question 'a' twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_mix_is_a_cancellation_not_a_missing_question_error()
    {
        using var cts = new CancellationTokenSource();
        var mix = new MixAnswerSource([new ScriptedSource(skip: []), new ScriptedSource(skip: ["b"])]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var set in mix.GetAnswerSetsAsync(new FakeNumericTask(), new[] { "a", "b" }.Select(TestData.NumericQuestion), cts.Token))
            {
                await cts.CancelAsync();
            }
        });
    }

    private static async Task Drain(MixAnswerSource mix, ITaskOracle task, string[] ids)
    {
        await foreach (var _ in mix.GetAnswerSetsAsync(task, ids.Select(TestData.NumericQuestion)))
        {
        }
    }

    // Returns one scripted candidate per question, except the questions to skip; optionally twice.
    private sealed class ScriptedSource(string[] skip, bool twice = false) : IWrongAnswerSource
    {
        public async IAsyncEnumerable<AnswerSet> GetAnswerSetsAsync(ITaskOracle task, IEnumerable<Question> questions, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var q in questions.Where(q => !skip.Contains(q.Id)))
            {
                await Task.Yield();
                var set = new AnswerSet(q, [TestData.Candidate(q.Id, 0, "Answer: 2", "2") with { Generator = "scripted" }]);
                yield return set;
                if (twice)
                {
                    yield return set;
                }
            }
        }
    }

    [Fact]
    public void Needs_at_least_one_source()
    {
        Assert.Throws<ArgumentException>(() => new MixAnswerSource([]));
    }
}
