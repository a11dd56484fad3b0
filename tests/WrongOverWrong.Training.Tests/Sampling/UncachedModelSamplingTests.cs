using static TorchSharp.torch;

using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Sampling;

namespace WrongOverWrong.Training.Tests;

/// <summary>
/// The sampler reaches the KV cache through <see cref="ICachedCausalLanguageModel"/>, not a downcast:
/// a model that only implements <see cref="ICausalLanguageModel"/> is sampled by recomputation, with
/// the same tokens, and its <see cref="ICausalLanguageModel.MaxPositions"/> is enforced.
/// </summary>
public sealed class UncachedModelSamplingTests : TorchTestBase
{
    [Fact]
    public void A_model_without_a_cache_samples_the_same_tokens_by_recomputation()
    {
        using var llama = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: 48, qkvBias: true, headDim: 10), seed: 7);
        using var plain = new PlainModel(llama, maxPositions: null);
        var options = new SamplingOptions { NumSamples = 3, MaxNewTokens = 12, Temperature = 0 };

        var cached = new SequenceSampler(llama).SampleBatch([new SamplingRequest([1, 5, 9], options), new SamplingRequest([2, 3], options)]);
        var recomputed = new SequenceSampler(plain).SampleBatch([new SamplingRequest([1, 5, 9], options), new SamplingRequest([2, 3], options)]);

        Assert.Equal(2, recomputed.Count);
        for (int q = 0; q < 2; q++)
        {
            Assert.Equal(3, recomputed[q].Count);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(12, recomputed[q][i].Tokens.Count);
                Assert.Equal(cached[q][i].Tokens, recomputed[q][i].Tokens);
            }
        }

        Assert.True(plain.FullForwards > 12, $"the plain model should be run once per step, ran {plain.FullForwards} times");
    }

    [Fact]
    public void The_interface_limit_on_positions_is_enforced_without_knowing_the_architecture()
    {
        using var llama = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: 48, qkvBias: true, headDim: 10), seed: 7);
        using var plain = new PlainModel(llama, maxPositions: 8);
        var error = Assert.Throws<ArgumentException>(() => new SequenceSampler(plain).Sample([1, 2, 3], new SamplingOptions { NumSamples = 1, MaxNewTokens = 6 }));
        Assert.Contains("exceeds max_position_embeddings (8)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Only the base interface: forwards the full sequence to a Llama model and counts the calls.</summary>
    private sealed class PlainModel(LlamaForCausalLM inner, int? maxPositions) : ICausalLanguageModel
    {
        public int FullForwards { get; private set; }

        public long VocabularySize => inner.VocabularySize;

        public int? MaxPositions => maxPositions;

        public Device Device => inner.Device;

        public Tensor ForwardHidden(Tensor inputIds)
        {
            FullForwards++;
            return inner.ForwardHidden(inputIds);
        }

        public Tensor ProjectToVocabulary(Tensor hidden) => inner.ProjectToVocabulary(hidden);

        public IReadOnlyList<(string Name, TorchSharp.Modules.Parameter Parameter)> TrainableParameters() => inner.TrainableParameters();

        public bool AdaptersEnabled
        {
            get => inner.AdaptersEnabled;
            set => inner.AdaptersEnabled = value;
        }

        public void SetTraining(bool training) => inner.SetTraining(training);

        public void SaveTrainable(string directory) => inner.SaveTrainable(directory);

        public void LoadTrainable(string directory) => inner.LoadTrainable(directory);

        public void Dispose()
        {
        }
    }
}
