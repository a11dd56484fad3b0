using TorchSharp;
using WrongOverWrong.Training.Modeling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

public sealed class RmsNormKernelTests : TorchTestBase
{
    [RequiresVectorKernelsFact]
    public void Matches_the_tensor_form_and_steps_aside_where_it_does_not_apply()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(4, torch.CPU);
        var norm = new RmsNorm("n", 64, 1e-5, ScalarType.Float32, torch.CPU);
        using (torch.no_grad())
        {
            norm.Weight.copy_(torch.randn([64], generator: generator));
        }

        Tensor input = torch.randn([3, 5, 64], generator: generator) * 4;

        // Gradients on: the tensor form, the reference.
        Tensor expected = norm.forward(input).detach();
        using var noGrad = torch.no_grad();
        Tensor? fast = RmsNormKernel.TryApply(input, norm.Weight, 1e-5);
        Assert.NotNull(fast);
        Assert.Equal(expected.shape, fast!.shape);
        Assert.True((fast - expected).abs().max().item<float>() < 1e-5, "kernel differs from the tensor form");
        Assert.True((norm.forward(input) - expected).abs().max().item<float>() < 1e-5);

        // Not contiguous, a width that is not a multiple of 16, float64: the tensor form runs.
        Assert.Null(RmsNormKernel.TryApply(input.transpose(0, 1), norm.Weight, 1e-5));
        Assert.Null(RmsNormKernel.TryApply(torch.randn(2, 24), torch.ones(24), 1e-5));
        Assert.Null(RmsNormKernel.TryApply(input.to(ScalarType.Float64), norm.Weight.to(ScalarType.Float64), 1e-5));
        Assert.Null(RmsNormKernel.TryApply(torch.randn(33, 64), norm.Weight, 1e-5));
        Assert.True((norm.forward(input.transpose(0, 1)) - expected.transpose(0, 1)).abs().max().item<float>() < 1e-5);
    }
}
