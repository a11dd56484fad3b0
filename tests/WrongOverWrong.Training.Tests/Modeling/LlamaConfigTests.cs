using WrongOverWrong.Training.Modeling;

namespace WrongOverWrong.Training.Tests;

public sealed class LlamaConfigTests
{
    private const string Llama31 = """
        {
          "architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_act": "silu",
          "hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32,
          "num_attention_heads": 32, "num_key_value_heads": 8, "rms_norm_eps": 1e-05,
          "rope_theta": 500000.0, "max_position_embeddings": 131072, "vocab_size": 128256,
          "tie_word_embeddings": false, "attention_bias": false, "mlp_bias": false,
          "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009], "torch_dtype": "bfloat16",
          "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                           "original_max_position_embeddings": 8192, "rope_type": "llama3"}
        }
        """;

    [Fact]
    public void ParsesLlama31Config()
    {
        LlamaConfig c = LlamaConfig.Parse(Llama31);
        Assert.Equal(128, c.HeadDim);
        Assert.Equal(4, c.QueriesPerKeyValue);
        Assert.Equal(new RopeScaling("llama3", 8, 1, 4, 8192), c.RopeScaling);
        Assert.Equal([128001, 128008, 128009], c.EosTokenIds);
        Assert.Equal("bfloat16", c.TorchDtype);
        Assert.False(c.QkvBias);
        LlamaConfig again = LlamaConfig.Parse(c.ToJson());
        Assert.Equal(c with { EosTokenIds = [] }, again with { EosTokenIds = [] });
        Assert.Equal(c.EosTokenIds, again.EosTokenIds);
    }

    [Fact]
    public void SlidingWindowIsReadForMistralAndRefusedWhereNotBuilt()
    {
        const string Mistral = """
            { "model_type": "mistral", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
              "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 100, "sliding_window": 4096 }
            """;
        LlamaConfig c = LlamaConfig.Parse(Mistral);
        Assert.Equal(4096, c.SlidingWindow);
        Assert.Equal(c, LlamaConfig.Parse(c.ToJson()) with { EosTokenIds = c.EosTokenIds });
        Assert.Null(LlamaConfig.Parse(Mistral.Replace("4096", "null", StringComparison.Ordinal)).SlidingWindow);
        var bad = Assert.Throws<InvalidDataException>(() => LlamaConfig.Parse(Mistral.Replace("4096", "0", StringComparison.Ordinal), "m/config.json"));
        Assert.Contains("m/config.json", bad.Message, StringComparison.Ordinal);
        Assert.Contains("sliding_window", bad.Message, StringComparison.Ordinal);

        // Qwen2 configs carry a window that is off unless use_sliding_window is true.
        string qwen = Mistral.Replace("mistral", "qwen2", StringComparison.Ordinal);
        Assert.Null(LlamaConfig.Parse(qwen).SlidingWindow);
        var refused = Assert.Throws<InvalidDataException>(() => LlamaConfig.Parse(qwen.Replace("\"sliding_window\"", "\"use_sliding_window\": true, \"sliding_window\"", StringComparison.Ordinal)));
        Assert.Contains("use_sliding_window", refused.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => (LlamaConfig.Tiny() with { SlidingWindow = 8 }).Validate());
        Assert.Throws<InvalidOperationException>(() => (LlamaConfig.Tiny() with { SlidingWindow = 8 }).ToJson());
    }

    [Fact]
    public void Qwen2MeansBiasOnQkvOnly()
    {
        LlamaConfig c = LlamaConfig.Parse("""{"model_type":"qwen2","hidden_size":896,"intermediate_size":4864,"num_hidden_layers":24,"num_attention_heads":14,"num_key_value_heads":2,"vocab_size":151936,"tie_word_embeddings":true}""");
        Assert.True(c.QkvBias);
        Assert.False(c.OutputProjectionBias);
        Assert.True(c.TieWordEmbeddings);
        Assert.Equal(64, c.HeadDim);
    }

    [Theory]
    [InlineData("""{"model_type":"llama","hidden_size":64,"num_hidden_layers":2,"num_attention_heads":4,"vocab_size":10}""", "intermediate_size")]
    [InlineData("""{"model_type":"llama","hidden_size":"64","intermediate_size":8,"num_hidden_layers":2,"num_attention_heads":4,"vocab_size":10}""", "hidden_size")]
    [InlineData("""{"model_type":"gpt2","hidden_size":64,"intermediate_size":8,"num_hidden_layers":2,"num_attention_heads":4,"vocab_size":10}""", "model_type")]
    [InlineData("""{"hidden_size":64,"intermediate_size":8,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":3,"vocab_size":10}""", "num_key_value_heads")]
    [InlineData("""{"hidden_size":64,"intermediate_size":8,"num_hidden_layers":2,"num_attention_heads":4,"vocab_size":10,"rope_scaling":{"rope_type":"yarn","factor":2}}""", "rope_type")]
    [InlineData("""{"hidden_size":64,"intermediate_size":8,"num_hidden_layers":2,"num_attention_heads":4,"vocab_size":10,"rope_scaling":{"rope_type":"llama3","factor":8}}""", "low_freq_factor")]
    [InlineData("""{"hidden_size":64,"intermediate_size":8,"num_hidden_layers":-2,"num_attention_heads":4,"vocab_size":10}""", "num_hidden_layers")]
    [InlineData("""[1,2]""", "object")]
    [InlineData("""{"hidden_size":64,""", "JSON")]
    public void BadConfigNamesTheField(string json, string field)
    {
        var ex = Assert.Throws<InvalidDataException>(() => LlamaConfig.Parse(json, "my/config.json"));
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        Assert.Contains("my/config.json", ex.Message, StringComparison.Ordinal);
    }
}
