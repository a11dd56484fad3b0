using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>The SwiGLU feed-forward block: down(silu(gate(x)) * up(x)).</summary>
internal sealed class LlamaMlp : nn.Module
{
    // Field names are the Hugging Face module names: TorchSharp also registers modules under their field names.
    private readonly AdaptableLinear gate_proj;
    private readonly AdaptableLinear up_proj;
    private readonly AdaptableLinear down_proj;

    public LlamaMlp(LlamaConfig config, ScalarType dtype, Device device)
        : base("mlp")
    {
        gate_proj = new AdaptableLinear("gate_proj", config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype, device);
        up_proj = new AdaptableLinear("up_proj", config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype, device);
        down_proj = new AdaptableLinear("down_proj", config.IntermediateSize, config.HiddenSize, config.MlpBias, dtype, device);
        register_module("gate_proj", gate_proj);
        register_module("up_proj", up_proj);
        register_module("down_proj", down_proj);
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        Tensor gated = nn.functional.silu(gate_proj.Forward(x)) * up_proj.Forward(x);
        return down_proj.Forward(gated).MoveToOuterDisposeScope();
    }
}
