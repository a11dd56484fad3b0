using TorchSharp;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

public sealed class SmallBatchLinearTests : TorchTestBase
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 16 }, { 2, 3, 16 }, { 3, 4, 32 }, { 4, 5, 64 }, { 5, 8, 16 }, { 6, 37, 48 },
        { 7, 9, 272 }, { 10, 1027, 256 }, { 11, 64, 128 }, { 32, 130, 96 },
    };

    [RequiresVectorKernelsFact]
    public void Tensor_data_pointers_can_be_read_on_this_host()
    {
        // The probe reads a view with a storage offset through the pointer and compares values.
        Assert.True(TensorMemory.Available);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Matches_libtorch_linear_for_every_tile_shape(int rows, int outFeatures, int inFeatures)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var generator = new Generator((ulong)((rows * 1000) + outFeatures), torch.CPU);
        Tensor input = torch.randn([rows, inFeatures], generator: generator);
        Tensor weight = torch.randn([outFeatures, inFeatures], generator: generator);
        Tensor bias = torch.randn([outFeatures], generator: generator);

        Assert.Equal(SmallBatchLinearKernel.Supported, SmallBatchLinear.CanUse(input, weight, bias));
        AssertClose(nn.functional.linear(input, weight, bias), SmallBatchLinear.Linear(input, weight, bias));
        AssertClose(nn.functional.linear(input, weight), SmallBatchLinear.Linear(input, weight));

        // Both tile widths where this CPU has them (AVX2 tiles run on AVX-512 hardware too).
        foreach (bool wide in TileWidths())
        {
            AssertClose(nn.functional.linear(input, weight, bias), SmallBatchLinear.Linear(input, weight, bias, wide));
        }
    }

    private static IEnumerable<bool> TileWidths() =>
        (SmallBatchLinearKernel.Wide, SmallBatchLinearKernel.Supported) switch
        {
            (true, _) => [true, false],
            (false, true) => [false],
            _ => [],
        };

    [RequiresVectorKernelsFact]
    public void Handles_leading_dimensions_strided_inputs_and_offset_weights()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var generator = new Generator(5, torch.CPU);

        // [batch, 1, hidden] as in a decoding step, and a transposed (non-contiguous) input.
        Tensor steps = torch.randn([6, 1, 64], generator: generator);
        Tensor transposed = torch.randn([64, 6], generator: generator).t();
        Tensor storage = torch.randn([50, 64], generator: generator);
        Tensor weight = storage.narrow(0, 7, 21);
        Assert.True(SmallBatchLinear.CanUse(steps, weight, null));
        Assert.True(SmallBatchLinear.CanUse(transposed, weight, null));

        Tensor result = SmallBatchLinear.Linear(steps, weight);
        Assert.Equal(new long[] { 6, 1, 21 }, result.shape);
        AssertClose(nn.functional.linear(steps, weight), result);
        AssertClose(nn.functional.linear(transposed, weight), SmallBatchLinear.Linear(transposed, weight));

        // Several middle rows, and an input that starts at a storage offset.
        Tensor blocks = torch.randn([2, 3, 64], generator: generator);
        Tensor offset = storage.narrow(0, 30, 9);
        Assert.True(SmallBatchLinear.CanUse(offset, weight, null));
        foreach (bool wide in TileWidths())
        {
            AssertClose(nn.functional.linear(steps, weight), SmallBatchLinear.Linear(steps, weight, null, wide));
            AssertClose(nn.functional.linear(transposed, weight), SmallBatchLinear.Linear(transposed, weight, null, wide));
            AssertClose(nn.functional.linear(blocks, weight), SmallBatchLinear.Linear(blocks, weight, null, wide));
            AssertClose(nn.functional.linear(offset, weight), SmallBatchLinear.Linear(offset, weight, null, wide));
        }
    }

    [RequiresVectorKernelsFact]
    public void Streams_a_vocabulary_sized_weight_with_a_ragged_last_block()
    {
        // 32003 x 256 floats is over the 8 MB at which weights are prefetched non-temporally, and
        // 32003 leaves three weight rows after the last full block of four; 7 rows make AVX2 tiles
        // of 2, 2, 2, 1 and AVX-512 tiles of 5, 2.
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var generator = new Generator(9, torch.CPU);
        Tensor weight = torch.randn([32003, 256], generator: generator) * 0.05;
        foreach (int rows in new[] { 1, 7, 10 })
        {
            Tensor input = torch.randn([rows, 256], generator: generator);
            Assert.True(SmallBatchLinear.CanUse(input, weight, null));
            foreach (bool wide in TileWidths())
            {
                AssertClose(nn.functional.linear(input, weight), SmallBatchLinear.Linear(input, weight, null, wide));
            }
        }
    }

    [Fact]
    public void Keeps_to_libtorch_with_gradients_on_or_where_the_kernel_does_not_apply()
    {
        using var scope = torch.NewDisposeScope();
        Tensor weight = torch.randn(8, 32).requires_grad_(true);
        Tensor input = torch.randn(4, 32);

        // Gradients on: libtorch always, so the product is on the graph, and frozen weights give the
        // same numbers as trainable ones.
        Assert.False(SmallBatchLinear.CanUse(input, weight, null));
        Assert.False(SmallBatchLinear.CanUse(input, weight.detach(), null));
        Tensor output = SmallBatchLinear.Linear(input, weight);
        output.sum().backward();
        Assert.NotNull(weight.grad);
        AssertClose(input.sum([0L]).unsqueeze(0).expand(8, 32), weight.grad!);

        using (torch.no_grad())
        {
            Assert.Equal(SmallBatchLinearKernel.Supported, SmallBatchLinear.CanUse(input, weight, null));
            Assert.False(SmallBatchLinear.CanUse(torch.randn(33, 32), weight, null));
            Assert.False(SmallBatchLinear.CanUse(torch.randn(4, 24), torch.randn(8, 24), null));
            Assert.False(SmallBatchLinear.CanUse(input.to(ScalarType.Float64), weight.to(ScalarType.Float64), null));
            Assert.False(SmallBatchLinear.CanUse(input.to(ScalarType.BFloat16), weight.to(ScalarType.BFloat16), null));
            Assert.False(SmallBatchLinear.CanUse(input, weight.t().contiguous().t(), null));
            Assert.False(SmallBatchLinear.CanUse(input, weight, torch.randn(7)));

            // An empty inner dimension is libtorch's (all-zero) result, not a division by zero.
            Tensor empty = SmallBatchLinear.Linear(torch.randn(2, 0), torch.randn(3, 0));
            Assert.Equal(new long[] { 2, 3 }, empty.shape);
            Assert.Equal(0f, empty.abs().sum().item<float>());
        }
    }

    [Theory]
    [InlineData(4, 4, false)]
    [InlineData(4, 2, false)]
    [InlineData(4, 1, true)]
    public void A_model_decoding_step_gives_the_logits_of_the_full_forward_pass(int heads, int keyValueHeads, bool tied)
    {
        using var scope = torch.NewDisposeScope();
        var config = new LlamaConfig { VocabSize = 96, HiddenSize = 32, IntermediateSize = 48, NumHiddenLayers = 2, NumAttentionHeads = heads, NumKeyValueHeads = keyValueHeads, HeadDim = 8, MaxPositionEmbeddings = 64, TieWordEmbeddings = tied };
        using var model = LlamaForCausalLM.Create(config, seed: 3);
        Tensor ids = torch.randint(0, 96, [3, 6], dtype: ScalarType.Int64);

        // With gradients on, every projection is libtorch's and attention is SDPA; under no_grad a
        // 3-row step uses the kernel and the plain decode-step attention over the cache.
        Tensor reference = model.Logits(ids).detach();
        using var noGrad = torch.no_grad();
        using KeyValueCache cache = model.CreateCache(3, 8);
        model.ForwardHidden(ids.narrow(1, 0, 5), cache);
        Tensor hidden = model.ForwardHidden(ids.narrow(1, 5, 1), cache).squeeze(1);
        Tensor head = model.BaseParameters().Single(p => p.Name == (tied ? "model.embed_tokens.weight" : "lm_head.weight")).Parameter;
        Assert.Equal(SmallBatchLinearKernel.Supported, SmallBatchLinear.CanUse(hidden, head, null));
        AssertClose(reference.select(1, 5), model.ProjectToVocabulary(hidden), 1e-5);
    }

    private static void AssertClose(Tensor expected, Tensor actual, double relative = 1e-6)
    {
        Assert.Equal(expected.shape, actual.shape);
        double scale = Math.Max(1.0, expected.abs().max().item<float>());
        double difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= relative * scale * 10, $"max difference {difference} exceeds {relative * scale * 10}");
    }
}
