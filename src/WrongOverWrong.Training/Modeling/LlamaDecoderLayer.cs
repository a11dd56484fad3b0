using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

/// <summary>One pre-norm decoder block: x + attn(norm(x)), then h + mlp(norm(h)).</summary>
internal sealed class LlamaDecoderLayer : nn.Module
{
    private readonly RmsNorm inputLayerNorm;
    private readonly LlamaAttention selfAttention;
    private readonly RmsNorm postAttentionLayerNorm;
    private readonly LlamaMlp mlp;
    private readonly int index;

    public LlamaDecoderLayer(LlamaConfig config, int index, ScalarType dtype, Device device)
        : base($"layer{index}")
    {
        this.index = index;
        inputLayerNorm = new RmsNorm("input_layernorm", config.HiddenSize, config.RmsNormEps, dtype, device);
        selfAttention = new LlamaAttention(config, dtype, device);
        postAttentionLayerNorm = new RmsNorm("post_attention_layernorm", config.HiddenSize, config.RmsNormEps, dtype, device);
        mlp = new LlamaMlp(config, dtype, device);
        register_module("self_attn", selfAttention);
        register_module("mlp", mlp);
        register_module("input_layernorm", inputLayerNorm);
        register_module("post_attention_layernorm", postAttentionLayerNorm);
    }

    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, KeyValueCache? cache)
    {
        using var scope = torch.NewDisposeScope();
        Tensor h = x + selfAttention.Forward(inputLayerNorm.forward(x), cos, sin, cache, index);
        return (h + mlp.Forward(postAttentionLayerNorm.forward(h))).MoveToOuterDisposeScope();
    }
}
