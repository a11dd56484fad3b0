using TorchSharp;
using static TorchSharp.torch;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Tests.Optimization;

namespace WrongOverWrong.Training.Tests;

/// <summary>A padded batch gives every row the logits it gets alone (fp32 noise), for each supported architecture.</summary>
public sealed class PaddedForwardTests : TorchTestBase
{
    private static readonly int[][] Prompts = [[3, 17, 5, 9, 22, 9, 31], [4, 8, 1], [2, 6, 30, 11, 7, 13, 25, 19, 1, 5], [12]];

    public static TheoryData<string> Architectures => new() { "llama3-rope-scaling", "qwen2-qkv-bias", "mistral-sliding-window" };

    private static LlamaForCausalLM Model(string name)
    {
        LlamaConfig config = name switch
        {
            // GQA, head_dim independent of hidden / heads, Llama 3.1 rope scaling with all three bands.
            "llama3-rope-scaling" => LlamaConfig.Tiny(vocabSize: 48, hiddenSize: 32, heads: 4, keyValueHeads: 2, headDim: 12,
                ropeScaling: new RopeScaling("llama3", 8, 1, 4, 64)) with { RopeTheta = 500000 },
            "qwen2-qkv-bias" => LlamaConfig.Tiny(vocabSize: 48, qkvBias: true, tieWordEmbeddings: true) with { ModelType = "qwen2" },
            // A window of 4, shorter than most prompts plus the decoded tokens.
            _ => LlamaConfig.Tiny(vocabSize: 48) with { ModelType = "mistral", SlidingWindow = 4 },
        };
        var model = LlamaForCausalLM.Create(config, seed: 3);
        using var generator = new Generator(7);
        using (no_grad())
        {
            foreach ((string parameterName, var p) in model.BaseParameters())
            {
                if (!parameterName.EndsWith("norm.weight", StringComparison.Ordinal))
                {
                    // Larger than the 0.02 init (biases too) so attention is far from uniform and a leak would show.
                    p.add_(randn(p.shape, generator: generator) * 0.02).mul_(15);
                }
            }
        }

        return model;
    }

    private static (Tensor Ids, Tensor Mask) Pad(int[][] rows, bool left)
    {
        int width = rows.Max(r => r.Length);
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        for (int r = 0; r < rows.Length; r++)
        {
            int offset = left ? width - rows[r].Length : 0;
            for (int j = 0; j < rows[r].Length; j++)
            {
                ids[(r * width) + offset + j] = rows[r][j];
                mask[(r * width) + offset + j] = 1;
            }
        }

        return (tensor(ids, [rows.Length, width]), tensor(mask, [rows.Length, width]));
    }

    private static Tensor Alone(LlamaForCausalLM model, int[] prompt) =>
        model.Logits(tensor(prompt.Select(i => (long)i).ToArray()).unsqueeze(0)).squeeze(0);

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        float scale = Math.Max(1f, expected.abs().max().item<float>());
        float difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= 1e-5f * scale, $"{what}: max abs difference {difference} (logit scale {scale})");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void LeftAndRightPaddedBatchesMatchEachPromptAlone(string architecture)
    {
        using var model = Model(architecture);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (bool left in new[] { true, false })
        {
            (Tensor ids, Tensor mask) = Pad(Prompts, left);
            Tensor logits = model.ProjectToVocabulary(model.ForwardHidden(ids, mask));
            long width = ids.shape[1];
            for (int r = 0; r < Prompts.Length; r++)
            {
                int n = Prompts[r].Length;
                Tensor row = logits[r].narrow(0, left ? width - n : 0, n);
                AssertClose(Alone(model, Prompts[r]), row, $"{architecture} {(left ? "left" : "right")} row {r}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void LeftPaddedPrefillAndDecodeThroughTheCacheMatchEachPromptAlone(string architecture)
    {
        using var model = Model(architecture);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int[][] next = [[5, 9, 1, 40, 2, 7], [11, 3, 3, 8, 0, 1], [4, 4, 6, 2, 9, 17], [30, 1, 2, 3, 5, 8]];
        (Tensor ids, Tensor mask) = Pad(Prompts, left: true);
        using KeyValueCache cache = model.CreateCache(Prompts.Length, ids.shape[1] + next[0].Length);
        Tensor prefill = model.ProjectToVocabulary(model.ForwardHidden(ids, mask, null, cache));
        Assert.True(cache.Padded);
        var steps = new List<Tensor> { prefill.narrow(1, ids.shape[1] - 1, 1).squeeze(1) };
        for (int step = 0; step < next[0].Length; step++)
        {
            // Drop row 1 half-way, as the sampler drops finished rows.
            long[] rows = step < 3 ? [0, 1, 2, 3] : [0, 2, 3];
            if (step == 3)
            {
                cache.SelectRows([0, 2, 3]);
            }

            Tensor token = tensor(rows.Select(r => (long)next[r][step]).ToArray()).unsqueeze(1);
            Tensor hidden = model.ForwardHidden(token, cache).squeeze(1);
            Tensor full = zeros([Prompts.Length, hidden.shape[1]]);
            full.index_copy_(0, tensor(rows), hidden);
            steps.Add(model.ProjectToVocabulary(full));
        }

        for (int r = 0; r < Prompts.Length; r++)
        {
            int[] sequence = [.. Prompts[r], .. next[r]];
            Tensor alone = Alone(model, sequence);
            int stepsKept = r == 1 ? 4 : steps.Count;
            for (int s = 0; s < stepsKept; s++)
            {
                AssertClose(alone[Prompts[r].Length - 1 + s], steps[s][r], $"{architecture} row {r} step {s}");
            }
        }
    }

    [Fact]
    public void ModelsWithoutMasksAcceptRightPaddingAndRefuseLeftPadding()
    {
        using var model = new TinyCausalModel(vocabulary: 16, hidden: 8, seed: 1);
        using var scope = NewDisposeScope();
        (Tensor ids, Tensor rightMask) = Pad([[1, 2, 3], [4]], left: false);
        ICausalLanguageModel contract = model;
        Assert.Equal(contract.ForwardHidden(ids).data<float>().ToArray(), contract.ForwardHidden(ids, rightMask).data<float>().ToArray());
        (Tensor leftIds, Tensor leftMask) = Pad([[1, 2, 3], [4]], left: true);
        Assert.Throws<NotSupportedException>(() => contract.ForwardHidden(leftIds, leftMask));
    }
}
