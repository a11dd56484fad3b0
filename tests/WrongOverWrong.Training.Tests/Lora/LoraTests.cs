using System.Text.Json.Nodes;
using TorchSharp;
using WrongOverWrong.Training.Checkpoints;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

public sealed class LoraTests : TorchTestBase
{
    private static Tensor Ids() => tensor(new long[] { 1, 5, 9, 2, 33, 7, 7, 40, 3, 12 }, [2, 5]);

    private static void RandomizeB(LlamaForCausalLM model, double scale = 0.5)
    {
        using var generator = new Generator(99, CPU);
        using (no_grad())
        {
            foreach ((string name, var p) in model.LoraParameters().Where(p => p.Name.Contains("lora_B", StringComparison.Ordinal)))
            {
                using Tensor values = randn(p.shape, generator: generator) * scale;
                p.copy_(values);
            }
        }
    }

    [Fact]
    public void FreshAdaptersLeaveOutputsUnchangedAndOnlyAdaptersTrain()
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(qkvBias: true), seed: 1);
        using var scope = NewDisposeScope();
        Tensor before = model.Logits(Ids());
        model.AttachLora(new LoraOptions { Rank = 4, Alpha = 8 });
        Assert.True(model.Logits(Ids()).eq(before).all().item<bool>());

        var trainable = model.TrainableParameters();
        Assert.Equal(2 * 7 * 2, trainable.Count); // A and B for 7 projections in 2 layers
        Assert.All(trainable, p => Assert.Matches(@"^base_model\.model\.model\.layers\.\d\.(self_attn|mlp)\.\w+_proj\.lora_[AB]\.weight$", p.Name));
        Assert.NotEmpty(model.BaseParameters());
        Assert.All(model.BaseParameters(), p => Assert.False(p.Parameter.requires_grad));
        Assert.DoesNotContain(model.BaseParameters(), p => p.Name.Contains("lora", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(model.named_modules().Count(), model.named_modules().Select(m => m.module).Distinct().Count());

        // A gradient reaches B (A's gradient is zero while B is zero, exactly as in PEFT).
        model.SetTraining(true);
        model.Logits(Ids()).pow(2).mean().backward();
        var b = trainable.First(p => p.Name.EndsWith("lora_B.weight", StringComparison.Ordinal)).Parameter;
        Assert.True(b.grad is not null && b.grad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void SwitchingAdaptersOffRestoresBaseAndMergeMatchesUnmerged()
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(), seed: 2);
        using var scope = NewDisposeScope();
        Tensor baseLogits = model.Logits(Ids());
        model.AttachLora(new LoraOptions { Rank = 2, Alpha = 4, Dropout = 0.3 });
        RandomizeB(model);
        Tensor adapted = model.Logits(Ids());
        Assert.True((adapted - baseLogits).abs().max().item<float>() > 1e-3, "adapters changed nothing");

        model.AdaptersEnabled = false;
        Assert.False(model.AdaptersEnabled);
        Assert.True(model.Logits(Ids()).eq(baseLogits).all().item<bool>());
        model.AdaptersEnabled = true;
        Assert.True(model.Logits(Ids()).eq(adapted).all().item<bool>());

        model.MergeLora();
        Assert.False(model.HasAdapters);
        Tensor merged = model.Logits(Ids());
        Assert.True(merged.allclose(adapted, rtol: 1e-4, atol: 1e-5), $"max diff {(merged - adapted).abs().max().item<float>()}");
    }

    [Fact]
    public void DropoutActsOnlyInTrainingMode()
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(), seed: 2);
        model.AttachLora(new LoraOptions { Dropout = 0.5 });
        RandomizeB(model);
        using var scope = NewDisposeScope();
        model.SetTraining(false);
        Assert.True(model.Logits(Ids()).eq(model.Logits(Ids())).all().item<bool>());
        model.SetTraining(true);
        Assert.False(model.Logits(Ids()).eq(model.Logits(Ids())).all().item<bool>());
    }

    [Fact]
    public void AdapterFolderUsesPeftLayoutAndRoundTrips()
    {
        string dir = NewTempDirectory();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(), seed: 3);
        model.AttachLora(new LoraOptions { Rank = 4, Alpha = 16, Dropout = 0.1, TargetModules = ["q_proj", "v_proj"], BaseModelNameOrPath = "tiny-llama" });
        RandomizeB(model);
        model.SaveTrainable(dir);

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "adapter_config.json")))!.AsObject();
        Assert.Equal(4, (int)config["r"]!);
        Assert.Equal(16.0, (double)config["lora_alpha"]!);
        Assert.Equal(0.1, (double)config["lora_dropout"]!);
        Assert.Equal("LORA", (string)config["peft_type"]!);
        Assert.Equal("CAUSAL_LM", (string)config["task_type"]!);
        Assert.Equal("tiny-llama", (string)config["base_model_name_or_path"]!);
        Assert.Equal(["q_proj", "v_proj"], config["target_modules"]!.AsArray().Select(n => (string)n!));

        using (var file = SafetensorsFile.Open(Path.Combine(dir, "adapter_model.safetensors")))
        {
            Assert.Equal(8, file.Tensors.Count);
            Assert.Equal([4L, 32], file.Tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].Shape);
            Assert.Equal([16L, 4], file.Tensors["base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"].Shape);
        }

        using var fresh = LlamaForCausalLM.Create(LlamaConfig.Tiny(), seed: 3);
        fresh.LoadAdapter(dir);
        Assert.Equal(model.Lora! with { Seed = 0 }, fresh.Lora! with { Seed = 0, TargetModules = model.Lora!.TargetModules });
        using var scope = NewDisposeScope();
        Assert.True(fresh.Logits(Ids()).eq(model.Logits(Ids())).all().item<bool>());
    }

    [Fact]
    public void LoadsAnAdapterWrittenTheWayPythonPeftWritesIt()
    {
        string dir = NewTempDirectory();
        // adapter_config.json as PEFT 0.13 writes it, including fields we do not use.
        File.WriteAllText(Path.Combine(dir, "adapter_config.json"), """
            {"alpha_pattern": {}, "auto_mapping": null, "base_model_name_or_path": "meta-llama/Llama-3.2-1B",
             "bias": "none", "fan_in_fan_out": false, "inference_mode": true, "init_lora_weights": true,
             "layer_replication": null, "layers_pattern": null, "layers_to_transform": null, "loftq_config": {},
             "lora_alpha": 32, "lora_dropout": 0.05, "megatron_config": null, "megatron_core": "megatron.core",
             "modules_to_save": null, "peft_type": "LORA", "r": 2, "rank_pattern": {}, "revision": null,
             "target_modules": ["o_proj", "down_proj"], "task_type": "CAUSAL_LM", "use_dora": false, "use_rslora": false}
            """);
        var tensors = new Dictionary<string, Tensor>();
        using var scope = NewDisposeScope();
        for (int layer = 0; layer < 2; layer++)
        {
            tensors[$"base_model.model.model.layers.{layer}.self_attn.o_proj.lora_A.weight"] = full(2, 32, 0.01f);
            tensors[$"base_model.model.model.layers.{layer}.self_attn.o_proj.lora_B.weight"] = full(32, 2, 0.02f);
            tensors[$"base_model.model.model.layers.{layer}.mlp.down_proj.lora_A.weight"] = full(2, 64, 0.01f);
            tensors[$"base_model.model.model.layers.{layer}.mlp.down_proj.lora_B.weight"] = full(32, 2, -0.02f);
        }

        SafetensorsWriter.Write(Path.Combine(dir, "adapter_model.safetensors"), tensors);
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(), seed: 4);
        Tensor before = model.Logits(Ids());
        model.LoadAdapter(dir);
        Assert.Equal(16.0, model.Lora!.Scaling);
        Assert.Equal(8, model.LoraParameters().Count);
        Assert.False(model.Logits(Ids()).allclose(before));

        // Hand check of one projection: o_proj output gains 16 * B A x = 16 * 0.02 * 2 * 0.01 * sum(x) per row.
        var oProj = model.LoraParameters().Single(p => p.Name == "base_model.model.model.layers.0.self_attn.o_proj.lora_B.weight").Parameter;
        Assert.Equal(0.02f, oProj[0, 0].item<float>());
    }

    [Fact]
    public void UnsupportedPeftOptionsAreRejectedNotIgnored()
    {
        string dir = NewTempDirectory();
        File.WriteAllText(Path.Combine(dir, "adapter_config.json"), """{"peft_type":"LORA","task_type":"CAUSAL_LM","r":2,"lora_alpha":4,"target_modules":["q_proj"],"use_dora":true}""");
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(), seed: 4);
        var ex = Assert.Throws<InvalidDataException>(() => model.LoadAdapter(dir));
        Assert.Contains("use_dora", ex.Message, StringComparison.Ordinal);
        Assert.False(model.HasAdapters);
    }

    [Fact]
    public void RegexTargetsMatchWholeModuleNames()
    {
        var options = new LoraOptions { TargetModulesPattern = @".*\.layers\.1\.self_attn\.(q|v)_proj" };
        Assert.True(options.Targets("model.layers.1.self_attn.q_proj"));
        Assert.False(options.Targets("model.layers.0.self_attn.q_proj"));
        Assert.False(options.Targets("model.layers.1.self_attn.k_proj"));
        Assert.True(new LoraOptions().Targets("model.layers.3.mlp.gate_proj"));
        Assert.False(new LoraOptions().Targets("lm_head"));
        Assert.Equal(2.0, new LoraOptions { Rank = 8, Alpha = 16 }.Scaling);
        Assert.Equal(16 / Math.Sqrt(8), new LoraOptions { Rank = 8, Alpha = 16, UseRsLora = true }.Scaling, 12);
    }
}
