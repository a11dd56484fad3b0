using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WrongOverWrong.Chat;
using WrongOverWrong.Sources;
using WrongOverWrong.Tests.Chat;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Sources;

public class CachedGeneratorTests
{
    private static async Task<AnswerSet> SampleOnce(IChatClient client, bool distinctKeys)
    {
        var source = new ChatAnswerSource(client, new ChatAnswerSourceOptions { SamplesPerQuestion = 4, Extraction = FinalAnswerExtraction.Direct, DistinctCacheKeyPerSample = distinctKeys, MaxConcurrency = 1 });
        AnswerSet? result = null;
        await foreach (var set in source.GetAnswerSetsAsync(new FakeNumericTask(), [TestData.NumericQuestion("q")]))
        {
            result = set;
        }

        return result!;
    }

    // A sampler that answers differently on every call, with log-probs -n/10 for call n.
    private static ScriptedChatClient Sampler() =>
        new((call, _) => Task.FromResult(OpenAIResponses.WithLogProbabilities($"Answer: {call.Number}", -call.Number / 10f)));

    [Fact]
    public async Task Behind_a_cache_each_sample_gets_its_own_entry_and_a_rerun_replays_them_with_log_probs()
    {
        var inner = Sampler();
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var client = new ChatClientBuilder(inner).UseDistributedCache(cache).UseLogProbabilityCapture().Build();

        var first = await SampleOnce(client, distinctKeys: true);
        var replay = await SampleOnce(client, distinctKeys: true);

        Assert.Equal(4, inner.CallCount);
        Assert.Equal(["1", "2", "3", "4"], first.Candidates.Select(c => c.FinalAnswer));
        Assert.Equal(first.Candidates.Select(c => c.FinalAnswer), replay.Candidates.Select(c => c.FinalAnswer));
        Assert.Equal([-0.1, -0.2, -0.3, -0.4], replay.Candidates.Select(c => Math.Round(c.MeanLogProbability!.Value, 6)));
    }

    [Fact]
    public async Task Without_distinct_keys_the_per_sample_seeds_still_keep_cached_samples_apart()
    {
        var inner = Sampler();
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var client = new ChatClientBuilder(inner).UseDistributedCache(cache).UseLogProbabilityCapture().Build();

        // Each sample's ChatOptions.Seed differs, so the cache keys differ (before seeds, the four
        // identical requests collapsed into one cached sample).
        var set = await SampleOnce(client, distinctKeys: false);

        Assert.Equal(4, inner.CallCount);
        Assert.Equal(4, set.Candidates.Select(c => c.FinalAnswer).Distinct().Count());
    }
}
