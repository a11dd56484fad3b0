using TorchSharp;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Sampling;
using WrongOverWrong.Training.Scoring;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

public sealed class CompletionScoringTests : TorchTestBase
{
    private static LlamaForCausalLM Model() => LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: 40), seed: 21);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(128)]
    public void PerTokenLogProbabilitiesMatchFullLogSoftmaxForAnyChunkSize(int chunkSize)
    {
        using var model = Model();
        using var scope = NewDisposeScope();
        Tensor ids = tensor(new long[] { 1, 5, 9, 2, 33, 7, 0, 0, 1, 8, 8, 3, 4, 5, 6, 7 }, [2, 8]);
        Tensor mask = tensor(new[] { false, false, false, true, true, true, false, false, false, false, true, true, true, true, true, true }, [2, 8]);
        Tensor perToken = CompletionLogProbabilities.Compute(model, ids, mask, chunkSize);
        Tensor logProbabilities = model.Logits(ids).log_softmax(-1);
        float[] actual = perToken.data<float>().ToArray();
        long[] flat = ids.data<long>().ToArray();
        bool[] m = mask.data<bool>().ToArray();
        for (int b = 0; b < 2; b++)
        {
            for (int t = 0; t < 8; t++)
            {
                float expected = m[(b * 8) + t] ? logProbabilities[b, t - 1, flat[(b * 8) + t]].item<float>() : 0f;
                Assert.Equal(expected, actual[(b * 8) + t], tolerance: 1e-5);
            }
        }
    }

    [Fact]
    public void GradientsFlowWhenEnabled()
    {
        using var model = Model();
        using var scope = NewDisposeScope();
        Tensor ids = tensor(new long[] { 1, 5, 9, 2 }, [1, 4]);
        Tensor mask = tensor(new[] { false, false, true, true }, [1, 4]);
        CompletionLogProbabilities.Compute(model, ids, mask, 1).sum().backward();
        var head = model.BaseParameters().Single(p => p.Name == "lm_head.weight").Parameter;
        Assert.True(head.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void ScoresDoNotDependOnBatchCompanionsOrPaddingAndKeepInputOrder()
    {
        using var model = Model();
        (IReadOnlyList<int>, IReadOnlyList<int>)[] pairs =
        [
            ([1, 2, 3, 4, 5, 6, 7, 8, 9], [10, 11]),
            ([1, 7], [3]),
            ([1, 4, 4], [5, 6, 7, 8]),
        ];
        var batched = new TeacherForcedScorer(model, batchSize: 3, chunkSize: 2, paddingId: 39).Score(pairs);
        for (int i = 0; i < pairs.Length; i++)
        {
            var alone = new TeacherForcedScorer(model, batchSize: 1).Score([pairs[i]])[0];
            Assert.Equal(alone.SumLogProbability, batched[i].SumLogProbability, tolerance: 1e-4);
            Assert.Equal(pairs[i].Item2.Count, batched[i].TokenCount);
            Assert.Equal(batched[i].SumLogProbability / batched[i].TokenCount, batched[i].MeanLogProbability, 10);
            Assert.True(batched[i].SumLogProbability < 0);
        }
    }

    [Fact]
    public void ScoringAGreedySampleReproducesTheSamplersLogProbabilities()
    {
        using var model = Model();
        var sample = new SequenceSampler(model).Sample([1, 3, 5], new SamplingOptions { MaxNewTokens = 6, Temperature = 0 })[0];
        var score = new TeacherForcedScorer(model).Score([([1, 3, 5], sample.Tokens)])[0];
        Assert.Equal(sample.SumLogProbability, score.SumLogProbability, tolerance: 1e-4);
    }

    [Fact]
    public void EmptyCompletionIsRejectedWithItsIndex()
    {
        using var model = Model();
        var ex = Assert.Throws<ArgumentException>(() => new TeacherForcedScorer(model).Score([([1], [2]), ([1], [])]));
        Assert.Contains("Pair 1", ex.Message, StringComparison.Ordinal);
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => CompletionLogProbabilities.Compute(model, tensor(new long[] { 1, 2 }, [1, 2]), tensor(new[] { true, true }, [1, 2])));
    }
}
