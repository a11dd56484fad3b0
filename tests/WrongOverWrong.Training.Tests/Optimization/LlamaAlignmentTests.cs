using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>
/// The optimizers over the library's own pieces: a tiny random Llama with LoRA, a byte-level BPE
/// tokenizer trained on the fly and the tiny chat template. Checks that checkpoints hold a PEFT
/// adapter and that resume is exact.
/// </summary>
public sealed class LlamaAlignmentTests
{
    private static readonly HuggingFaceTokenizer Tokenizer = ByteLevelBpeTrainer.Train(
        ["shortest path from node 0 to node 3? the shortest path is 0,1,3 with weight 4", "max flow from node 1 to node 2? the maximum flow is 7"],
        new ByteLevelBpeTrainerOptions { VocabularySize = 300 }).CreateTokenizer();

    private static readonly IReadOnlyList<Preference> Pairs =
    [
        new() { QuestionId = "p0", Prompt = "shortest path from node 0 to node 3?", Chosen = "the shortest path is 0,1,3 with weight 4", Rejected = "the shortest path is 0,3 with weight 9" },
        new() { QuestionId = "p1", Prompt = "max flow from node 1 to node 2?", Chosen = "the maximum flow is 7", Rejected = "the maximum flow is 2" },
        new() { QuestionId = "p2", Prompt = "shortest path from node 1 to node 3?", Chosen = "the shortest path is 1,3 with weight 1", Rejected = "the shortest path is 1,0,3 with weight 8" },
    ];

    private static LlamaForCausalLM Model()
    {
        var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: Tokenizer.VocabularySize), seed: 11);
        // Dropout 0 as the paper: LoRA dropout draws from torch's global generator, which tests running
        // in parallel share, so a test with dropout on could not expect bit-equal runs.
        model.AttachLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.0, Seed = 3 });
        return model;
    }

    private static TrainerOptions Options(string directory) => new()
    {
        LearningRate = 5e-3,
        Epochs = 2,
        BatchSize = 1,
        GradientAccumulationSteps = 1,
        MaxLength = 96,
        MaxPromptLength = 48,
        OutputDirectory = directory,
        SaveSteps = 2,
        SaveTotalLimit = null,
    };

    [Fact]
    public async Task SequencesLongerThanMaxPositionEmbeddingsAreRefusedBeforeTraining()
    {
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: Tokenizer.VocabularySize) with { MaxPositionEmbeddings = 16 }, seed: 11);
        model.AttachLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.0, Seed = 3 });
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new DpoOptimizer(model, Tokenizer, new TinyChatTemplate(), Options("unused") with { OutputDirectory = null }).TrainAsync(Pairs));
        Assert.Contains("max_position_embeddings is 16", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DpoOnATinyLlamaWritesPeftCheckpointsAndResumesExactly()
    {
        string full = TrainingData.TemporaryDirectory();
        string resumed = TrainingData.TemporaryDirectory();
        try
        {
            using var uninterrupted = Model();
            var progress = new RecordingProgress();
            TrainingResult result = await new DpoOptimizer(uninterrupted, Tokenizer, new TinyChatTemplate(), Options(full)).TrainAsync(Pairs, progress);

            Assert.Equal(6, result.Steps);
            Assert.Equal(6, progress.Reports.Count);
            Assert.All(progress.Reports, r => Assert.True(double.IsFinite(r.Loss)));
            foreach (string folder in new[] { Path.Combine(full, "checkpoint-2"), Path.Combine(full, "checkpoint-6"), full })
            {
                Assert.True(File.Exists(Path.Combine(folder, "adapter_config.json")), folder);
                Assert.True(File.Exists(Path.Combine(folder, "adapter_model.safetensors")), folder);
            }

            using var cancellation = new CancellationTokenSource();
            using (var first = Model())
            {
                var stopping = new RecordingProgress(r =>
                {
                    if (r.Step == 3)
                    {
                        cancellation.Cancel();
                    }
                });
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                    new DpoOptimizer(first, Tokenizer, new TinyChatTemplate(), Options(resumed)).TrainAsync(Pairs, stopping, cancellation.Token));
            }

            using var second = Model();
            var rest = new RecordingProgress();
            await new DpoOptimizer(second, Tokenizer, new TinyChatTemplate(), Options(resumed)).TrainAsync(Pairs, rest);

            Assert.Equal([4, 5, 6], rest.Reports.Select(r => r.Step));
            Assert.Equal(progress.Reports[^1].Loss, rest.Reports[^1].Loss, 6);
            var expected = uninterrupted.LoraParameters().ToDictionary(p => p.Name, p => p.Parameter.data<float>().ToArray());
            foreach (var (name, parameter) in second.LoraParameters())
            {
                Assert.Equal(expected[name], parameter.data<float>().ToArray());
            }
        }
        finally
        {
            Directory.Delete(full, recursive: true);
            Directory.Delete(resumed, recursive: true);
        }
    }
}
