using TorchSharp;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Sampling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

public sealed class SequenceSamplerTests : TorchTestBase
{
    private static LlamaForCausalLM Model(int seed = 7) =>
        LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: 48, qkvBias: true, headDim: 10), seed: seed);

    [Fact]
    public void CachedDecodingGivesTheSameLogitsAsFullRecomputation()
    {
        using var model = Model();
        long[] ids = [1, 4, 9, 16, 25, 36, 2, 7, 11, 3];
        using var scope = NewDisposeScope();
        Tensor full = model.Logits(tensor(ids).unsqueeze(0));
        using KeyValueCache cache = model.CreateCache(1, ids.Length);

        // A 4-token prefill, one 3-token block (causal mask against a cached prefix), then single tokens.
        var pieces = new List<Tensor>();
        int[] blocks = [4, 3, 1, 1, 1];
        int start = 0;
        foreach (int length in blocks)
        {
            Tensor part = tensor(ids[start..(start + length)]).unsqueeze(0);
            pieces.Add(model.ProjectToVocabulary(model.ForwardHidden(part, cache)));
            start += length;
        }

        Assert.Equal(ids.Length, cache.Length);
        Tensor incremental = cat(pieces, 1);
        Assert.True(incremental.allclose(full, rtol: 1e-5, atol: 1e-5), $"max diff {(incremental - full).abs().max().item<float>()}");
    }

    [Fact]
    public void GreedySamplingWithAndWithoutCacheAgreeTokenByToken()
    {
        using var model = Model();
        var sampler = new SequenceSampler(model);
        var options = new SamplingOptions { NumSamples = 2, MaxNewTokens = 20, Temperature = 0 };
        var cached = sampler.Sample([1, 5, 9], options);
        var recomputed = sampler.Sample([1, 5, 9], options with { UseKeyValueCache = false });
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(recomputed[i].Tokens, cached[i].Tokens);
            Assert.Equal(20, cached[i].Tokens.Count);
            for (int t = 0; t < 20; t++)
            {
                Assert.Equal(recomputed[i].LogProbabilities[t], cached[i].LogProbabilities[t], tolerance: 1e-4);
            }
        }

        // Greedy log-probs are those of the argmax under a full forward pass of prompt + completion.
        using var scope = NewDisposeScope();
        long[] sequence = [1, 5, 9, .. cached[0].Tokens.Select(t => (long)t)];
        Tensor logProbabilities = model.Logits(tensor(sequence).unsqueeze(0)).log_softmax(-1)[0];
        for (int t = 0; t < 20; t++)
        {
            Tensor row = logProbabilities[2 + t];
            Assert.Equal(row.argmax().item<long>(), cached[0].Tokens[t]);
            Assert.Equal(row.max().item<float>(), cached[0].LogProbabilities[t], tolerance: 1e-4);
        }
    }

    [Fact]
    public void SamplingIsReproducibleBySeedAndVariesAcrossSeedsAndSamples()
    {
        using var model = Model();
        var sampler = new SequenceSampler(model);
        var options = new SamplingOptions { NumSamples = 4, MaxNewTokens = 12, Temperature = 1.0, TopP = 0.95, TopK = 30, Seed = 42 };
        var first = sampler.Sample([1, 2, 3], options);
        var again = sampler.Sample([1, 2, 3], options);
        var other = sampler.Sample([1, 2, 3], options with { Seed = 43 });
        Assert.Equal(first.Select(s => s.Tokens), again.Select(s => s.Tokens));
        Assert.Equal(first.Select(s => s.LogProbabilities), again.Select(s => s.LogProbabilities));
        Assert.NotEqual(first.Select(s => string.Join(",", s.Tokens)), other.Select(s => string.Join(",", s.Tokens)));
        Assert.True(first.Select(s => string.Join(",", s.Tokens)).Distinct().Count() > 1, "samples of one batch should differ");
    }

    [Fact]
    public void StopTokensEndCompletionsAndAreExcludedFromText()
    {
        using var model = Model();
        var sampler = new SequenceSampler(model);
        var greedy = sampler.Sample([1, 5, 9], new SamplingOptions { MaxNewTokens = 10, Temperature = 0 })[0];
        int stop = greedy.Tokens[3];
        int firstStop = greedy.Tokens.ToList().IndexOf(stop);
        var stopped = sampler.Sample([1, 5, 9], new SamplingOptions { MaxNewTokens = 10, Temperature = 0, StopTokens = [stop] }, ids => string.Join(" ", ids))[0];
        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(greedy.Tokens.Take(firstStop + 1), stopped.Tokens);
        Assert.Equal(string.Join(" ", greedy.Tokens.Take(firstStop)), stopped.Text);
        Assert.Equal(FinishReason.Length, greedy.FinishReason);
    }

    [Fact]
    public void TopKOneIsGreedyAndTopPKeepsOnlyTheNucleus()
    {
        using var scope = NewDisposeScope();
        // Probabilities 0.5, 0.3, 0.15, 0.05: top-p 0.7 keeps the first two tokens only.
        Tensor logits = tensor(new float[] { 0.5f, 0.3f, 0.15f, 0.05f }).log().unsqueeze(0).expand(2000, 4).contiguous();
        using var generator = new Generator(5, CPU);
        (Tensor tokens, Tensor lps) = NextTokenChooser.Choose(logits, new SamplingOptions { TopP = 0.7 }, generator);
        long[] counts = tokens.bincount(null, 4).data<long>().ToArray();
        Assert.Equal(0, counts[2] + counts[3]);
        Assert.InRange(counts[0] / 2000.0, 0.5 / 0.8 - 0.05, 0.5 / 0.8 + 0.05);
        Assert.True(lps.masked_select(tokens.eq(0)).sub(Math.Log(0.5)).abs().max().item<float>() < 1e-5);

        (Tensor topOne, _) = NextTokenChooser.Choose(logits, new SamplingOptions { TopK = 1 }, generator);
        Assert.True(topOne.eq(0).all().item<bool>());

        // Reported log-probs are raw (untempered): token 1 has log 0.3 whatever the temperature.
        (Tensor hot, Tensor hotLps) = NextTokenChooser.Choose(logits, new SamplingOptions { Temperature = 5 }, generator);
        Tensor isOne = hot.eq(1);
        Assert.True(hotLps.masked_select(isOne).sub(Math.Log(0.3)).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void OneDrawPerRowFollowsTheProbabilitiesAndNeverPicksAZeroProbabilityToken()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3, CPU);

        // Zero-probability tokens in the middle and at the end (as top-k/top-p masking leaves them).
        Tensor probabilities = tensor(new float[] { 0.1f, 0f, 0.6f, 0.3f, 0f }).unsqueeze(0).expand(20000, 5).contiguous();
        Tensor tokens = NextTokenChooser.DrawOnePerRow(probabilities, generator);
        Assert.Equal([20000L], tokens.shape);
        long[] counts = tokens.bincount(null, 5).data<long>().ToArray();
        Assert.Equal(0, counts[1] + counts[4]);

        // Binomial standard deviations at n = 20000: 0.0021, 0.0035, 0.0032; 5 sigma bounds.
        Assert.InRange(counts[0] / 20000.0, 0.1 - 0.011, 0.1 + 0.011);
        Assert.InRange(counts[2] / 20000.0, 0.6 - 0.018, 0.6 + 0.018);
        Assert.InRange(counts[3] / 20000.0, 0.3 - 0.017, 0.3 + 0.017);

        // A row with all its mass on one token always draws that token.
        Tensor certain = tensor(new float[] { 0f, 0f, 1f, 0f }).unsqueeze(0).expand(500, 4).contiguous();
        Assert.True(NextTokenChooser.DrawOnePerRow(certain, generator).eq(2).all().item<bool>());
    }

    [Theory]
    [InlineData(1.0, 50)]
    [InlineData(0.5, 50)]
    [InlineData(1.0, 64)]
    [InlineData(0.7, 64)]
    public void ChooserDrawsFromTheTemperedSoftmaxAndReportsRawLogProbabilities(double temperature, int vocabulary)
    {
        using var scope = NewDisposeScope();
        using var source = new Generator(8, CPU);
        Tensor logits = randn([400, vocabulary], generator: source) * 3;
        var options = new SamplingOptions { NumSamples = 1, Temperature = temperature, Seed = 1 };
        Assert.Equal(vocabulary % 16 == 0 && SmallBatchLinearKernel.Supported, SoftmaxDrawKernel.CanUse(logits, options));

        // The fused C# draw (vocabulary a multiple of 16) and the tensor form (temperature 1 reusing
        // exp(log_softmax)) must both draw what an explicit softmax draw with the same generator
        // state draws.
        using var chooserGenerator = new Generator(21, CPU);
        using var explicitGenerator = new Generator(21, CPU);
        (Tensor tokens, Tensor logProbabilities) = NextTokenChooser.Choose(logits, options, chooserGenerator);
        Tensor expected = NextTokenChooser.DrawOnePerRow((logits / temperature).softmax(-1), explicitGenerator);
        Assert.True(tokens.eq(expected).all().item<bool>());

        Tensor raw = logits.log_softmax(-1).gather(-1, tokens.unsqueeze(-1)).squeeze(-1);
        Assert.True((logProbabilities - raw).abs().max().item<float>() < 1e-6);
    }

    [RequiresVectorKernelsFact]
    public void FusedDrawFollowsTheTemperedProbabilitiesAndNeverPicksAMaskedToken()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5, CPU);

        // Probabilities 0.1, 0.6, 0.3 on tokens 0, 2, 3 of 16; the rest impossible (-inf logits).
        var row = Enumerable.Repeat(float.NegativeInfinity, 16).ToArray();
        row[0] = MathF.Log(0.1f);
        row[2] = MathF.Log(0.6f);
        row[3] = MathF.Log(0.3f);
        Tensor logits = tensor(row).unsqueeze(0).expand(20000, 16).contiguous();
        var options = new SamplingOptions { NumSamples = 1, Temperature = 1.0, Seed = 1 };
        Assert.True(SoftmaxDrawKernel.CanUse(logits, options));
        (Tensor tokens, Tensor logProbabilities) = NextTokenChooser.Choose(logits, options, generator);
        long[] counts = tokens.bincount(null, 16).data<long>().ToArray();
        Assert.Equal(20000, counts[0] + counts[2] + counts[3]);
        Assert.InRange(counts[0] / 20000.0, 0.1 - 0.011, 0.1 + 0.011);
        Assert.InRange(counts[2] / 20000.0, 0.6 - 0.018, 0.6 + 0.018);
        Assert.InRange(counts[3] / 20000.0, 0.3 - 0.017, 0.3 + 0.017);
        Assert.True((logProbabilities - logits.log_softmax(-1).gather(-1, tokens.unsqueeze(-1)).squeeze(-1)).abs().max().item<float>() < 1e-6);

        // Temperature 2 flattens 0.1 : 0.6 : 0.3 to sqrt-proportional mass; log-probs stay raw.
        (Tensor hot, Tensor hotLogProbabilities) = NextTokenChooser.Choose(logits, options with { Temperature = 2.0 }, generator);
        long[] hotCounts = hot.bincount(null, 16).data<long>().ToArray();
        double norm = Math.Sqrt(0.1) + Math.Sqrt(0.6) + Math.Sqrt(0.3);
        Assert.InRange(hotCounts[2] / 20000.0, (Math.Sqrt(0.6) / norm) - 0.018, (Math.Sqrt(0.6) / norm) + 0.018);
        Assert.True((hotLogProbabilities - logits.log_softmax(-1).gather(-1, hot.unsqueeze(-1)).squeeze(-1)).abs().max().item<float>() < 1e-6);
    }

    [RequiresVectorKernelsFact]
    public void FusedDrawRefusesRowsWithoutFiniteMassAndExtremeTemperatures()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(2, CPU);
        var options = new SamplingOptions { NumSamples = 1, Temperature = 1.0, Seed = 1 };
        foreach (float bad in new[] { float.NaN, float.NegativeInfinity, float.PositiveInfinity })
        {
            Tensor logits = randn([2, 32], generator: generator);
            logits[0] = bad == float.NegativeInfinity ? full(32, bad) : logits[0].index_fill(0, tensor(new long[] { 5 }), bad);
            Assert.True(SoftmaxDrawKernel.CanUse(logits, options));
            var error = Assert.Throws<InvalidOperationException>(() => NextTokenChooser.Choose(logits, options, generator));
            Assert.Contains("row 0", error.Message, StringComparison.Ordinal);
        }

        // 1/T not a positive finite float: the tensor form's job.
        Assert.False(SoftmaxDrawKernel.CanUse(randn(2, 32), options with { Temperature = 1e-40 }));
        Assert.False(SoftmaxDrawKernel.CanUse(randn(2, 32), options with { Temperature = 1e46 }));
    }

    [Fact]
    public void LiveTensorCountDoesNotGrowAcrossFiftySteps()
    {
        using var model = Model();
        var sampler = new SequenceSampler(model);
        var live = new List<long>();
        sampler.StepObserver = _ => live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        sampler.Sample([1, 2, 3, 4], new SamplingOptions { NumSamples = 3, MaxNewTokens = 50, Seed = 1 });
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.Equal(50, live.Count);
        Assert.Equal(live[1], live[^1]);
        Assert.True(live.Skip(1).All(c => c == live[1]), string.Join(",", live));
        Assert.Equal(before, after);
    }

    [Fact]
    public void SamplingRunsInEvaluationModeAndRestoresTrainingMode()
    {
        using var model = Model();
        model.AttachLora(new LoraOptions { Dropout = 0.5 });
        model.SetTraining(true);
        var sampler = new SequenceSampler(model);
        var options = new SamplingOptions { MaxNewTokens = 8, Temperature = 0 };

        // With dropout active the two greedy runs could differ; in evaluation mode they cannot.
        Assert.Equal(sampler.Sample([1, 2], options)[0].Tokens, sampler.Sample([1, 2], options)[0].Tokens);
        Assert.True(model.training);
    }

    [Fact]
    public void SampleManyGroupsPromptsOfDifferentLengthsWithPerPromptSeeds()
    {
        using var model = Model();
        var sampler = new SequenceSampler(model);
        var options = new SamplingOptions { NumSamples = 2, MaxNewTokens = 5, Seed = 10 };
        var many = sampler.SampleMany([[1, 2, 3], [4, 5]], options);
        Assert.Equal(2, many.Count);
        Assert.Equal(sampler.Sample([1, 2, 3], options).Select(s => s.Tokens), many[0].Select(s => s.Tokens));
        Assert.Equal(sampler.Sample([4, 5], options with { Seed = 11 }).Select(s => s.Tokens), many[1].Select(s => s.Tokens));
    }

    [Fact]
    public void KeyValueCacheRefusesToOverflow()
    {
        using var model = Model();
        using var cache = model.CreateCache(1, 4);
        using var scope = NewDisposeScope();
        model.ForwardHidden(tensor(new long[] { 1, 2, 3 }).unsqueeze(0), cache);
        var ex = Assert.Throws<InvalidOperationException>(() => model.ForwardHidden(tensor(new long[] { 4, 5 }).unsqueeze(0), cache));
        Assert.Contains("overflow", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputsAreRejectedWithNamedArguments()
    {
        using var model = Model();
        var sampler = new SequenceSampler(model);
        Assert.Throws<ArgumentException>("prompt", () => sampler.Sample([], new SamplingOptions()));
        Assert.Throws<ArgumentException>("prompt", () => sampler.Sample([1, 48], new SamplingOptions()));
        Assert.Throws<ArgumentException>("TopP", () => sampler.Sample([1], new SamplingOptions { TopP = 0 }));
        Assert.Throws<ArgumentException>("Temperature", () => sampler.Sample([1], new SamplingOptions { Temperature = -1 }));
    }
}
