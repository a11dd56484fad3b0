using TorchSharp;
using WrongOverWrong.Training.Modeling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

public sealed class LlamaForwardTests : TorchTestBase
{
    public static TheoryData<string> Configs => new() { "gqa-bias-tied-headdim-llama3", "mha-untied-linear", "mistral-window-4", "plain" };

    private static LlamaConfig Named(string name) => name switch
    {
        // head_dim 12 != 32 / 4 = 8; 4 query heads share 2 kv heads; Qwen2 q/k/v bias; tied head; Llama 3.1 rope scaling
        // with a small original context so all three frequency bands occur for head_dim 12.
        "gqa-bias-tied-headdim-llama3" => LlamaConfig.Tiny(vocabSize: 50, hiddenSize: 32, layers: 2, heads: 4, keyValueHeads: 2, headDim: 12, tieWordEmbeddings: true, qkvBias: true,
            ropeScaling: new RopeScaling("llama3", 8, 1, 4, 64)) with { RopeTheta = 500000 },
        "mha-untied-linear" => LlamaConfig.Tiny(vocabSize: 40, hiddenSize: 24, layers: 3, heads: 3, keyValueHeads: 3, ropeScaling: new RopeScaling("linear", 2.0)),
        // Mistral v0.1's sliding window, much shorter than the 11-token test sequence.
        "mistral-window-4" => LlamaConfig.Tiny(vocabSize: 40) with { ModelType = "mistral", SlidingWindow = 4 },
        _ => LlamaConfig.Tiny(),
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void TorchSharpForwardMatchesNaiveLoops(string configName)
    {
        LlamaConfig config = Named(configName);
        using var model = LlamaForCausalLM.Create(config, seed: 11);

        // Larger weights than the 0.02 init so attention is far from uniform and errors would show.
        using (no_grad())
        {
            foreach ((string name, var p) in model.BaseParameters())
            {
                if (!name.EndsWith("norm.weight", StringComparison.Ordinal))
                {
                    p.mul_(15);
                }
            }
        }

        int[] ids = [3, 17, 5, 0, 22, 9, 31, 4, 4, 12, 1];
        var naive = new NaiveLlama(model).Logits(ids);
        using var scope = NewDisposeScope();
        Tensor logits = model.Logits(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0));
        float[] actual = logits.data<float>().ToArray();

        double maxRelative = 0;
        double scale = naive.SelectMany(r => r).Max(Math.Abs);
        Assert.True(scale > 0.5, $"logits too small to be a meaningful check: {scale}");
        for (int t = 0; t < ids.Length; t++)
        {
            for (int v = 0; v < config.VocabSize; v++)
            {
                double expected = naive[t][v];
                double diff = Math.Abs(actual[(t * config.VocabSize) + v] - expected);
                maxRelative = Math.Max(maxRelative, diff / Math.Max(Math.Abs(expected), 1e-2 * scale));
            }
        }

        Assert.True(maxRelative < 1e-4, $"max relative difference {maxRelative}");
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void SlidingWindowGivesTheSameLogitsThroughTheCacheAsInOnePass(ScalarType dtype)
    {
        // float32 steps take the plain decode attention on CPU, float64 the grouped SDPA path.
        var config = LlamaConfig.Tiny(vocabSize: 40) with { ModelType = "mistral", SlidingWindow = 4 };
        using var model = LlamaForCausalLM.Create(config, seed: 5, dtype: dtype);
        using var scope = NewDisposeScope();
        Tensor ids = tensor(new long[] { 3, 17, 5, 0, 22, 9, 31, 4, 4, 12, 1 }).unsqueeze(0);
        Tensor full = model.Logits(ids).detach();

        // Every cached path: a prefix within the window, a block that crosses it after a cached
        // past (band mask), then single tokens (keys cut to the window).
        using var noGrad = no_grad();
        using KeyValueCache cache = model.CreateCache(1, 11);
        var pieces = new List<Tensor>();
        foreach ((int start, int length) in new[] { (0, 3), (3, 5), (8, 1), (9, 1), (10, 1) })
        {
            pieces.Add(model.ProjectToVocabulary(model.ForwardHidden(ids.narrow(1, start, length), cache)));
        }

        Tensor cached = cat(pieces, 1);
        double difference = (cached - full).abs().max().to(ScalarType.Float64).item<double>();
        Assert.True(difference < 1e-5, $"cached logits differ by {difference}");

        // The window matters: without it the last position's logits change.
        using var unwindowed = LlamaForCausalLM.Create(config with { SlidingWindow = null }, seed: 5, dtype: dtype);
        Tensor plain = unwindowed.Logits(ids);
        Assert.True((plain.select(1, 10) - full.select(1, 10)).abs().max().to(ScalarType.Float64).item<double>() > 1e-4);
        Assert.True((plain.select(1, 3) - full.select(1, 3)).abs().max().to(ScalarType.Float64).item<double>() < 1e-6);
    }

    [Fact]
    public void ParameterNamesAreHuggingFaceKeys()
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(layers: 1, qkvBias: true));
        var names = model.BaseParameters().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "model.embed_tokens.weight", "model.norm.weight", "lm_head.weight",
            "model.layers.0.input_layernorm.weight", "model.layers.0.post_attention_layernorm.weight",
            "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.q_proj.bias",
            "model.layers.0.self_attn.k_proj.weight", "model.layers.0.self_attn.k_proj.bias",
            "model.layers.0.self_attn.v_proj.weight", "model.layers.0.self_attn.v_proj.bias",
            "model.layers.0.self_attn.o_proj.weight",
            "model.layers.0.mlp.gate_proj.weight", "model.layers.0.mlp.up_proj.weight", "model.layers.0.mlp.down_proj.weight",
        ];
        Assert.Equal(expected.Order(), names.Order());
    }

    [Fact]
    public void TiedHeadHasNoSeparateWeightAndReusesEmbedding()
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(tieWordEmbeddings: true));
        Assert.DoesNotContain(model.BaseParameters(), p => p.Name == "lm_head.weight");
        using var scope = NewDisposeScope();
        Tensor hidden = zeros(1, 1, 32);
        hidden[0, 0, 5] = tensor(1.0f);
        Tensor logits = model.ProjectToVocabulary(hidden);
        Tensor embeddingColumn = model.BaseParameters().Single(p => p.Name == "model.embed_tokens.weight").Parameter[.., 5];
        Assert.True(logits[0, 0].allclose(embeddingColumn));
    }

    [Fact]
    public void Llama3RopeScalingMatchesHandComputedFrequencies()
    {
        // head_dim 8, theta 10000: base frequencies 1, 0.1, 0.01, 0.001 (wavelengths 6.28, 62.8, 628, 6283).
        // original context 1024, low 1, high 4: low wavelength 1024, high wavelength 256, factor 8.
        var config = LlamaConfig.Tiny(hiddenSize: 16, heads: 2, keyValueHeads: 1, ropeScaling: new RopeScaling("llama3", 8, 1, 4, 1024));
        double[] inv = RotaryEmbedding.InverseFrequencies(config);
        Assert.Equal(1.0, inv[0], 6);        // high frequency: untouched
        Assert.Equal(0.1, inv[1], 6);        // wavelength 62.8 < 256: untouched
        // wavelength 628.3 between 256 and 1024: smooth = (1024 / 628.3185 - 1) / 3 = 0.2099
        double smooth = ((1024 / (2 * Math.PI / 0.01)) - 1) / 3;
        Assert.Equal(((1 - smooth) * 0.01 / 8) + (smooth * 0.01), inv[2], 9);
        Assert.Equal(0.001 / 8, inv[3], 9);  // wavelength 6283 > 1024: divided by the factor
    }
}
