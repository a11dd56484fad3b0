using TorchSharp;
using WrongOverWrong.Training.Modeling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

public sealed class RotaryStepTests : TorchTestBase
{
    [Theory]
    [InlineData(8)]
    [InlineData(10)]
    public void In_place_rotation_of_a_step_equals_the_tensor_form_bit_for_bit(int headDim)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(6, CPU);
        var config = LlamaConfig.Tiny(hiddenSize: 4 * headDim, heads: 4, keyValueHeads: 2, headDim: headDim);
        using var rotary = new RotaryEmbedding(config, CPU);
        (Tensor cos, Tensor sin) = rotary.CosSin(17, 1, ScalarType.Float32);
        Tensor q = randn([3, 1, 4 * headDim], generator: generator);
        Tensor k = randn([3, 1, 2 * headDim], generator: generator);
        Tensor expectedQ = RotaryEmbedding.Apply(q.view(3, 1, 4, headDim).transpose(1, 2), cos, sin);
        Tensor expectedK = RotaryEmbedding.Apply(k.view(3, 1, 2, headDim).transpose(1, 2), cos, sin);

        // Gradients on: nothing is touched.
        Tensor before = q.clone();
        Assert.False(RotaryEmbedding.TryRotateStepInPlace(q, 4, k, 2, cos, sin, headDim));
        Assert.True(q.eq(before).all().item<bool>());

        using var noGrad = no_grad();
        Assert.True(RotaryEmbedding.TryRotateStepInPlace(q, 4, k, 2, cos, sin, headDim));
        Assert.True(q.view(3, 1, 4, headDim).transpose(1, 2).eq(expectedQ).all().item<bool>());
        Assert.True(k.view(3, 1, 2, headDim).transpose(1, 2).eq(expectedK).all().item<bool>());

        // Two tokens (a prefill block) or float64: the tensor form's job.
        Assert.False(RotaryEmbedding.TryRotateStepInPlace(randn(3, 2, 4 * headDim), 4, randn(3, 2, 2 * headDim), 2, cos, sin, headDim));
        Assert.False(RotaryEmbedding.TryRotateStepInPlace(q.to(ScalarType.Float64), 4, k.to(ScalarType.Float64), 2, cos.to(ScalarType.Float64), sin.to(ScalarType.Float64), headDim));
    }
}
