using TorchSharp;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Scoring;
using WrongOverWrong.Training.Text;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>
/// The shared-prompt forward pass (each prompt once, its completions decoded after its keys and
/// values) against the concatenated one (every row prompt + completion, as TRL): same log-probs,
/// same gradients, same optimizer step, on prompts and completions of different lengths so both
/// the left padding of prompts and the right padding of completions are exercised.
/// </summary>
public sealed class SharedPromptForwardTests
{
    // Three prompts of 5, 2 and 4 tokens, two completions each of different lengths.
    private static readonly long[][] Prompts = [[1, 5, 6, 7, 8], [2, 9], [3, 10, 11, 12]];
    private static readonly long[][][] Completions =
    [
        [[13, 14, 15], [16]],
        [[17, 18], [19, 20, 21, 22]],
        [[23], [24, 25]],
    ];

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void SharedSumsAndGradientsEqualTheConcatenatedForward(int? slidingWindow)
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: 40) with { SlidingWindow = slidingWindow, ModelType = slidingWindow is null ? "llama" : "mistral" }, seed: 5);
        using var scope = NewDisposeScope();
        int slots = 2;
        int examples = Prompts.Length;
        var weights = randn(examples * slots, generator: new Generator(7));

        // Concatenated: slot-major rows, right-padded, completion mask on completion tokens.
        int length = Enumerable.Range(0, examples).SelectMany(e => Completions[e].Select(c => Prompts[e].Length + c.Length)).Max();
        var ids = new long[examples * slots * length];
        var mask = new bool[ids.Length];
        for (int slot = 0; slot < slots; slot++)
        {
            for (int e = 0; e < examples; e++)
            {
                int row = (slot * examples) + e;
                long[] sequence = [.. Prompts[e], .. Completions[e][slot]];
                for (int i = 0; i < sequence.Length; i++)
                {
                    ids[(row * length) + i] = sequence[i];
                    mask[(row * length) + i] = i >= Prompts[e].Length;
                }
            }
        }

        var (concatenated, concatenatedCounts) = CompletionLogProbabilities.Sums(model, tensor(ids, [examples * slots, length]), tensor(mask, [examples * slots, length]));
        // Slot-major [slots, examples] -> example-major, the shared path's order.
        Tensor concatenatedByExample = concatenated.view(slots, examples).t().reshape(-1);
        (concatenatedByExample * weights).sum().backward();
        var expectedGradients = Gradients(model);

        var (shared, sharedCounts) = SharedSums(model, slots);
        (shared * weights).sum().backward();
        var gradients = Gradients(model);

        Assert.Equal(examples * slots, shared.shape[0]);
        Assert.True(allclose(shared, concatenatedByExample, rtol: 1e-5, atol: 1e-5), $"shared {Show(shared)} vs concatenated {Show(concatenatedByExample)}");
        Assert.Equal(concatenatedCounts.view(slots, examples).t().reshape(-1).data<float>().ToArray(), sharedCounts.data<float>().ToArray());
        Assert.Equal(expectedGradients.Count, gradients.Count);
        Assert.NotEmpty(gradients);
        foreach (var (name, expected) in expectedGradients)
        {
            Tensor actual = gradients[name];
            Assert.True(expected.abs().max().item<float>() > 0 || name.Contains("embed", StringComparison.Ordinal), $"{name} got no gradient in the concatenated pass");
            Assert.True(allclose(actual, expected, rtol: 1e-4, atol: 1e-6), $"{name}: max difference {(actual - expected).abs().max().item<float>()}");
        }
    }

    [Fact]
    public void PromptGradientsFlowThroughTheRepeatedKeysAndValues()
    {
        // The loss only touches completion log-probs; if the cache detached the prompt's keys and
        // values, the first layer's key projection would get no gradient from the prompt positions
        // and the embedding rows of prompt-only tokens (5-12) would get none at all.
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: 40), seed: 5);
        using var scope = NewDisposeScope();
        var (sums, _) = SharedSums(model, 2);
        sums.sum().backward();
        Tensor embedding = model.named_parameters().Single(p => p.name.EndsWith("embed_tokens.weight", StringComparison.Ordinal)).parameter.grad!;
        foreach (long promptOnlyToken in new long[] { 5, 6, 7, 8, 9, 10, 11, 12 })
        {
            Assert.True(embedding[promptOnlyToken].abs().sum().item<float>() > 0, $"embedding row {promptOnlyToken} (a prompt-only token) got no gradient");
        }
    }

    [Fact]
    public async Task DpoStepsAreTheSameWithAndWithoutTheSharedPromptForward()
    {
        var tokenizer = ByteLevelBpeTrainer.Train(
            ["shortest path from node 0 to node 3? the shortest path is 0,1,3 with weight 4", "max flow from node 1 to node 2? the maximum flow is 7"],
            new ByteLevelBpeTrainerOptions { VocabularySize = 300 }).CreateTokenizer();
        IReadOnlyList<Preference> pairs =
        [
            new() { QuestionId = "p0", Prompt = "shortest path from node 0 to node 3 in this graph?", Chosen = "the shortest path is 0,1,3 with weight 4", Rejected = "0,3 with weight 9" },
            new() { QuestionId = "p1", Prompt = "max flow from node 1 to node 2?", Chosen = "the maximum flow is 7", Rejected = "the maximum flow from node 1 to node 2 is 2" },
            new() { QuestionId = "p2", Prompt = "path 1 to 3?", Chosen = "1,3 with weight 1", Rejected = "the shortest path is 1,0,3 with weight 8" },
            new() { QuestionId = "p3", Prompt = "max flow from node 0 to node 3?", Chosen = "the maximum flow is 4", Rejected = "9" },
        ];

        foreach (bool precompute in new[] { true, false })
        {
            var (sharedLoss, sharedWeights) = await TrainDpo(tokenizer, pairs, share: true, precompute);
            var (concatenatedLoss, concatenatedWeights) = await TrainDpo(tokenizer, pairs, share: false, precompute);
            Assert.Equal(concatenatedLoss, sharedLoss, 4);
            Assert.Equal(concatenatedWeights.Count, sharedWeights.Count);
            Assert.NotEmpty(sharedWeights);
            foreach (var (name, expected) in concatenatedWeights)
            {
                Assert.True(allclose(sharedWeights[name], expected, rtol: 1e-4, atol: 1e-6), $"{name} (precomputed reference: {precompute}) differs after training");
            }
        }
    }

    [Fact]
    public void TracksGradientsCannotChangeAfterTheFirstWrite()
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: 40), seed: 5);
        using var cache = model.CreateCache(1, 8);
        using (no_grad())
        {
            model.ForwardHidden(tensor(new long[] { 1, 2 }, [1, 2]), cache).Dispose();
        }

        var error = Assert.Throws<InvalidOperationException>(() => cache.TracksGradients = true);
        Assert.Contains("before the first write", error.Message, StringComparison.Ordinal);
        Assert.False(cache.TracksGradients);
    }

    private static async Task<(double Loss, Dictionary<string, Tensor> Weights)> TrainDpo(HuggingFaceTokenizer tokenizer, IReadOnlyList<Preference> pairs, bool share, bool precompute)
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: tokenizer.VocabularySize), seed: 11);
        model.AttachLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.0, Seed = 3 });
        var options = new TrainerOptions
        {
            LearningRate = 5e-3,
            Epochs = 2,
            BatchSize = 4,
            MaxLength = 96,
            MaxPromptLength = 48,
            SharePromptForward = share,
            PrecomputeReferenceLogProbs = precompute,
            Seed = 1,
        };
        TrainingResult result = await new DpoOptimizer(model, tokenizer, new TinyChatTemplate(), options).TrainAsync(pairs);
        var weights = model.LoraParameters()
            .ToDictionary(p => p.Name, p => p.Parameter.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        return (result.FinalLoss, weights);
    }

    private static (Tensor Sums, Tensor Counts) SharedSums(LlamaForCausalLM model, int slots)
    {
        int examples = Prompts.Length;
        int promptLength = Prompts.Max(p => p.Length);
        int completionLength = Completions.SelectMany(c => c).Max(c => c.Length);
        var promptIds = new long[examples * promptLength];
        var promptMask = new bool[promptIds.Length];
        var completionIds = new long[examples * slots * completionLength];
        var completionMask = new bool[completionIds.Length];
        for (int e = 0; e < examples; e++)
        {
            int offset = (e * promptLength) + promptLength - Prompts[e].Length;
            for (int i = 0; i < Prompts[e].Length; i++)
            {
                promptIds[offset + i] = Prompts[e][i];
                promptMask[offset + i] = true;
            }

            for (int slot = 0; slot < slots; slot++)
            {
                int row = (e * slots) + slot;
                for (int i = 0; i < Completions[e][slot].Length; i++)
                {
                    completionIds[(row * completionLength) + i] = Completions[e][slot][i];
                    completionMask[(row * completionLength) + i] = true;
                }
            }
        }

        return CompletionLogProbabilities.SharedPromptSums(
            model,
            tensor(promptIds, [examples, promptLength]),
            tensor(promptMask, [examples, promptLength]),
            tensor(completionIds, [examples * slots, completionLength]),
            tensor(completionMask, [examples * slots, completionLength]),
            slots,
            chunkTokens: 3);
    }

    private static Dictionary<string, Tensor> Gradients(LlamaForCausalLM model)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (parameter.grad is { } grad)
            {
                result[name] = grad.clone();
                grad.zero_();
            }
        }

        return result;
    }

    private static string Show(Tensor t) => string.Join(", ", t.detach().data<float>().ToArray().Select(v => v.ToString("F5", System.Globalization.CultureInfo.InvariantCulture)));
}
