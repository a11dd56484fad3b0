using TorchSharp;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Sampling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

/// <summary>One generation batch across prompts: the same seeds give the same completions whatever the batch size.</summary>
public sealed class BatchedSamplingTests : TorchTestBase
{
    private const int Stop = 7;

    private static LlamaForCausalLM Model() =>
        LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: 48, hiddenSize: 32, heads: 4, keyValueHeads: 2, headDim: 12, qkvBias: true,
            ropeScaling: new RopeScaling("llama3", 8, 1, 4, 64)) with { RopeTheta = 500000 }, seed: 4);

    /// <summary>Twelve prompts of 1 to 13 tokens, six samples each, with per-request seeds.</summary>
    private static List<SamplingRequest> Requests(SamplingOptions options, long seedOffset = 0) =>
        Enumerable.Range(0, 12).Select(q => new SamplingRequest(
            Enumerable.Range(0, 1 + ((q * 7) % 13)).Select(j => 1 + ((q * 13 + j * 5) % 40)).ToList(),
            options with { NumSamples = 6, MaxNewTokens = 6 + (q % 3), StopTokens = [Stop] })
        {
            Seeds = Enumerable.Range(0, 6).Select(i => (long)((q * 1000) + i + seedOffset)).ToArray(),
        }).ToList();

    private static List<List<int>> Flatten(IReadOnlyList<IReadOnlyList<GeneratedSequence>> result) =>
        result.SelectMany(r => r).Select(s => s.Tokens.ToList()).ToList();

    [Theory]
    [InlineData(1.0, 1.0, 0)]
    [InlineData(0.8, 0.9, 20)]
    public void SameSeedsGiveTheSameCompletionsForBatchSizesOneSevenAndSixtyFour(double temperature, double topP, int topK)
    {
        using var model = Model();
        var options = new SamplingOptions { Temperature = temperature, TopP = topP, TopK = topK };
        var results = new List<List<List<int>>>();
        foreach (int size in new[] { 1, 7, 64 })
        {
            var sizes = new List<int>();
            var sampler = new SequenceSampler(model) { MaxBatchRows = size, BatchObserver = sizes.Add };
            results.Add(Flatten(sampler.SampleBatch(Requests(options))));
            Assert.Equal(size, sizes.Max());
            Assert.Equal(72, sizes.Sum());
        }

        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
        Assert.Contains(results[0], t => t[^1] == Stop && t.Count < 6);
        Assert.Contains(results[0], t => t[^1] != Stop);
    }

    [Fact]
    public void ADifferentSeedGivesDifferentCompletions()
    {
        using var model = Model();
        var sampler = new SequenceSampler(model);
        var options = new SamplingOptions { Temperature = 1.0 };
        var first = Flatten(sampler.SampleBatch(Requests(options)));
        var again = Flatten(sampler.SampleBatch(Requests(options)));
        var other = Flatten(sampler.SampleBatch(Requests(options, seedOffset: 100)));
        Assert.Equal(first, again);
        Assert.True(first.Zip(other).Count(p => !p.First.SequenceEqual(p.Second)) > 60);
    }

    [Fact]
    public void ABatchRowEqualsTheSameSeedSampledAlone()
    {
        using var model = Model();
        var sampler = new SequenceSampler(model);
        var options = new SamplingOptions { Temperature = 1.0 };
        var requests = Requests(options);
        var batched = sampler.SampleBatch(requests);
        foreach (int q in new[] { 0, 5, 11 })
        {
            var alone = sampler.Sample(requests[q].Prompt, requests[q].Options with { NumSamples = 1, Seed = requests[q].Seeds![3] });
            Assert.Equal(batched[q][3].Tokens, alone[0].Tokens);
            Assert.Equal(batched[q][3].LogProbabilities, alone[0].LogProbabilities, (a, b) => Math.Abs(a - b) < 1e-5);
        }
    }

    [Fact]
    public void TheTokenBudgetBoundsTheBatch()
    {
        using var model = Model();
        var sizes = new List<int>();
        var sampler = new SequenceSampler(model) { MaxBatchTokens = 200, BatchObserver = sizes.Add };
        sampler.SampleBatch(Requests(new SamplingOptions()));
        Assert.Equal(72, sizes.Sum());
        Assert.True(sizes.Max() <= 200 / 9, string.Join(",", sizes));
    }

    [Fact]
    public void LiveTensorCountStaysFlatWhileRowsAreDropped()
    {
        using var model = Model();
        var sampler = new SequenceSampler(model);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        sampler.SampleBatch(Requests(new SamplingOptions()));
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
