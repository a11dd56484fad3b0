using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// Root-mean-square norm as in Llama: the statistic is computed in float32 whatever the weight
/// dtype, so bf16 checkpoints give the same numbers as Hugging Face's implementation.
/// </summary>
internal sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double eps;

    public RmsNorm(string name, long size, double eps, ScalarType dtype, Device device)
        : base(name)
    {
        this.eps = eps;
        weight = new Parameter(torch.ones(size, dtype: dtype, device: device));
        register_parameter("weight", weight);
    }

    public Parameter Weight => weight;

    public override Tensor forward(Tensor input)
    {
        if (RmsNormKernel.TryApply(input, weight, eps) is { } fast)
        {
            return fast;
        }

        using var scope = torch.NewDisposeScope();
        Tensor x = input.to(ScalarType.Float32);
        Tensor variance = x.pow(2).mean([-1L], keepdim: true);
        Tensor normalized = (x * torch.rsqrt(variance + eps)).to(input.dtype);
        return (weight * normalized).MoveToOuterDisposeScope();
    }
}
