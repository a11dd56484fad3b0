using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>One pre-norm decoder block: x + attn(norm(x)), then h + mlp(norm(h)).</summary>
internal sealed class LlamaDecoderLayer : nn.Module
{
    // Field names are the Hugging Face module names: TorchSharp also registers modules under their field names.
    private readonly RmsNorm input_layernorm;
    private readonly LlamaAttention self_attn;
    private readonly RmsNorm post_attention_layernorm;
    private readonly LlamaMlp mlp;
    private readonly int index;

    public LlamaDecoderLayer(LlamaConfig config, int index, ScalarType dtype, Device device)
        : base($"layer{index}")
    {
        this.index = index;
        input_layernorm = new RmsNorm("input_layernorm", config.HiddenSize, config.RmsNormEps, dtype, device);
        self_attn = new LlamaAttention(config, dtype, device);
        post_attention_layernorm = new RmsNorm("post_attention_layernorm", config.HiddenSize, config.RmsNormEps, dtype, device);
        mlp = new LlamaMlp(config, dtype, device);
        register_module("self_attn", self_attn);
        register_module("mlp", mlp);
        register_module("input_layernorm", input_layernorm);
        register_module("post_attention_layernorm", post_attention_layernorm);
    }

    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, KeyValueCache? cache, Tensor? visible)
    {
        using var scope = torch.NewDisposeScope();
        Tensor h = x + self_attn.Forward(input_layernorm.forward(x), cos, sin, cache, index, visible);
        return (h + mlp.Forward(post_attention_layernorm.forward(h))).MoveToOuterDisposeScope();
    }
}
