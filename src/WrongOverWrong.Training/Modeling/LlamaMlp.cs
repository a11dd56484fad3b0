using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

/// <summary>The SwiGLU feed-forward block: down(silu(gate(x)) * up(x)).</summary>
internal sealed class LlamaMlp : nn.Module
{
    private readonly AdaptableLinear gateProj;
    private readonly AdaptableLinear upProj;
    private readonly AdaptableLinear downProj;

    public LlamaMlp(LlamaConfig config, ScalarType dtype, Device device)
        : base("mlp")
    {
        gateProj = new AdaptableLinear("gate_proj", config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype, device);
        upProj = new AdaptableLinear("up_proj", config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype, device);
        downProj = new AdaptableLinear("down_proj", config.IntermediateSize, config.HiddenSize, config.MlpBias, dtype, device);
        register_module("gate_proj", gateProj);
        register_module("up_proj", upProj);
        register_module("down_proj", downProj);
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        Tensor gated = nn.functional.silu(gateProj.Forward(x)) * upProj.Forward(x);
        return downProj.Forward(gated).MoveToOuterDisposeScope();
    }
}
