using TorchSharp;
using WrongOverWrong.Training.Checkpoints;
using WrongOverWrong.Training.Modeling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

public sealed class CheckpointRoundTripTests : TorchTestBase
{
    private static Tensor Ids() => tensor(new long[] { 1, 5, 9, 2, 33, 7, 7, 40, 3, 12, 1, 0 }, [2, 6]);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void SavedFolderLoadsBackWithIdenticalLogits(bool tied, bool bias)
    {
        string dir = NewTempDirectory();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(tieWordEmbeddings: tied, qkvBias: bias, headDim: 6), seed: 3);
        model.SavePretrained(dir);
        Assert.True(File.Exists(Path.Combine(dir, "config.json")));
        Assert.True(File.Exists(Path.Combine(dir, "model.safetensors")));

        using var loaded = LlamaForCausalLM.FromPretrained(dir);
        Assert.Equal(model.Config with { TorchDtype = "float32" }, loaded.Config with { EosTokenIds = model.Config.EosTokenIds });
        using var scope = NewDisposeScope();
        Assert.True(model.Logits(Ids()).eq(loaded.Logits(Ids())).all().item<bool>());
    }

    [Fact]
    public void ShardedSaveWritesIndexAndLoadsBackIdentically()
    {
        string dir = NewTempDirectory();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(), seed: 4);
        model.SavePretrained(dir, maxShardBytes: 20_000);
        string[] shards = Directory.GetFiles(dir, "model-*-of-*.safetensors");
        Assert.True(shards.Length >= 3, $"expected several shards, got {shards.Length}");
        Assert.True(File.Exists(Path.Combine(dir, HuggingFaceCheckpoint.IndexFileName)));
        Assert.False(File.Exists(Path.Combine(dir, HuggingFaceCheckpoint.SingleFileName)));

        using var loaded = LlamaForCausalLM.FromPretrained(dir);
        using var scope = NewDisposeScope();
        Assert.True(model.Logits(Ids()).eq(loaded.Logits(Ids())).all().item<bool>());
    }

    [Theory]
    [InlineData(ScalarType.BFloat16, "bfloat16")]
    [InlineData(ScalarType.Float16, "float16")]
    public void HalfPrecisionCheckpointsRoundTripAndLoadAsFloat32(ScalarType dtype, string name)
    {
        string dir = NewTempDirectory();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(), seed: 5, dtype: dtype);
        model.SavePretrained(dir);
        Assert.Contains($"\"torch_dtype\": \"{name}\"", File.ReadAllText(Path.Combine(dir, "config.json")));
        using (SafetensorsFile file = SafetensorsFile.Open(Path.Combine(dir, "model.safetensors")))
        {
            Assert.NotEmpty(file.Tensors);
            Assert.All(file.Tensors.Values, t => Assert.Equal(dtype, t.ScalarType));
        }

        using var same = LlamaForCausalLM.FromPretrained(dir, dtype: dtype);
        using var widened = LlamaForCausalLM.FromPretrained(dir);
        using var scope = NewDisposeScope();
        Assert.True(model.Logits(Ids()).eq(same.Logits(Ids())).all().item<bool>());

        // Same weights in float32 give close logits (half-precision activations are the only difference).
        Tensor a = model.Logits(Ids()).to(ScalarType.Float32);
        Tensor b = widened.Logits(Ids());
        Assert.True(a.allclose(b, rtol: 0.05, atol: 0.02), $"max diff {(a - b).abs().max().item<float>()}");
    }

    [Fact]
    public void MismatchedShapesAndMissingTensorsAreNamed()
    {
        string dir = NewTempDirectory();
        using (var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(), seed: 6))
        {
            model.SavePretrained(dir);
        }

        string configPath = Path.Combine(dir, "config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"intermediate_size\": 64", "\"intermediate_size\": 65", StringComparison.Ordinal));
        var ex = Assert.Throws<InvalidDataException>(() => LlamaForCausalLM.FromPretrained(dir));
        Assert.Contains("mlp", ex.Message, StringComparison.Ordinal);
        Assert.Contains("shape", ex.Message, StringComparison.Ordinal);

        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"intermediate_size\": 65", "\"intermediate_size\": 64", StringComparison.Ordinal).Replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3", StringComparison.Ordinal));
        ex = Assert.Throws<InvalidDataException>(() => LlamaForCausalLM.FromPretrained(dir));
        Assert.Contains("model.layers.2.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShardIndexPointingOutsideTheFolderIsRejected()
    {
        string dir = NewTempDirectory();
        File.WriteAllText(Path.Combine(dir, HuggingFaceCheckpoint.IndexFileName), "{\"weight_map\": {\"model.norm.weight\": \"../../etc/passwd\"}}");
        var ex = Assert.Throws<InvalidDataException>(() => HuggingFaceCheckpoint.Open(dir));
        Assert.Contains("not a plain file name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderWithoutSafetensorsSaysSo()
    {
        string dir = NewTempDirectory();
        File.WriteAllBytes(Path.Combine(dir, "pytorch_model.bin"), [1, 2, 3]);
        var ex = Assert.Throws<FileNotFoundException>(() => HuggingFaceCheckpoint.Open(dir));
        Assert.Contains("pickle", ex.Message, StringComparison.Ordinal);
    }
}
