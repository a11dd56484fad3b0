using WrongOverWrong.Training.Optimization;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>Loop mechanics: determinism, gradient accumulation, checkpoint housekeeping, unpaired KTO.</summary>
public sealed class TrainingLoopTests
{
    [Fact]
    public async Task SameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot()
    {
        async Task<Dictionary<string, float[]>> Run(int seed)
        {
            using var model = TrainingData.LoraModel();
            await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { Seed = seed }).TrainAsync(TrainingData.Pairs(5));
            return model.Snapshot();
        }

        var first = await Run(42);
        var second = await Run(42);
        var other = await Run(7);

        Assert.NotEmpty(first);
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.All(first, kv => Assert.Equal(kv.Value, second[kv.Key]));

        // Another seed shuffles the 5 pairs into other batches, so the weights differ.
        Assert.Contains(first, kv => !kv.Value.SequenceEqual(other[kv.Key]));
    }

    [Fact]
    public async Task AccumulatingTwoBatchesOfOneEqualsOneBatchOfTwo()
    {
        using var whole = TrainingData.LoraModel();
        using var accumulated = TrainingData.LoraModel();
        var wholeProgress = new RecordingProgress();
        var accumulatedProgress = new RecordingProgress();

        await new DpoOptimizer(whole, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { BatchSize = 2 }).TrainAsync(TrainingData.Pairs(4), wholeProgress);
        await new DpoOptimizer(accumulated, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { BatchSize = 1, GradientAccumulationSteps = 2 }).TrainAsync(TrainingData.Pairs(4), accumulatedProgress);

        // Same steps, same examples per step (the epoch order is the same), same mean loss and update.
        Assert.Equal(wholeProgress.Reports.Count, accumulatedProgress.Reports.Count);
        for (int i = 0; i < wholeProgress.Reports.Count; i++)
        {
            Assert.Equal(wholeProgress.Reports[i].Loss, accumulatedProgress.Reports[i].Loss, 5);
        }

        var expected = whole.Snapshot();
        foreach (var (name, values) in accumulated.Snapshot())
        {
            Assert.True(values.Zip(expected[name], (a, b) => Math.Abs(a - b)).Max() < 1e-5, name);
        }
    }

    [Fact]
    public async Task OnlyTheNewestCheckpointsAreKeptAndNoTemporaryFolderRemains()
    {
        string directory = TrainingData.TemporaryDirectory();
        try
        {
            using var model = TrainingData.LoraModel();
            var options = TrainingData.Options(directory) with { SaveSteps = 1, SaveTotalLimit = 2 };

            TrainingResult result = await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(TrainingData.Pairs(4));

            Assert.Equal(6, result.Steps);
            Assert.Equal(directory, result.OutputDirectory);
            Assert.Equal(["checkpoint-5", "checkpoint-6"], Directory.GetDirectories(directory).Select(Path.GetFileName).Order());
            foreach (string checkpoint in Directory.GetDirectories(directory))
            {
                Assert.True(File.Exists(Path.Combine(checkpoint, "weights.bin")));
                Assert.True(File.Exists(Path.Combine(checkpoint, "optimizer.bin")));
                Assert.True(File.Exists(Path.Combine(checkpoint, "trainer_state.json")));
            }

            Assert.True(File.Exists(Path.Combine(directory, "weights.bin")), "final weights at the output root");
            Assert.Equal(6, File.ReadAllLines(Path.Combine(directory, "metrics.jsonl")).Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ResumingWithOtherDataFailsNamingTheStateFile()
    {
        string directory = TrainingData.TemporaryDirectory();
        try
        {
            using (var model = TrainingData.LoraModel())
            {
                await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options(directory) with { Epochs = 1 }).TrainAsync(TrainingData.Pairs(4));
            }

            using var other = TrainingData.LoraModel();
            var changed = TrainingData.Pairs(4).Select(p => p with { Chosen = p.Chosen + " indeed" }).ToList();
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                new DpoOptimizer(other, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options(directory) with { Epochs = 1 }).TrainAsync(changed));

            Assert.Contains("trainer_state.json", error.Message, StringComparison.Ordinal);
            Assert.Contains("data_fingerprint", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ResumingWithAnotherBetaOrLearningRateFailsNamingTheSetting()
    {
        string directory = TrainingData.TemporaryDirectory();
        try
        {
            using (var model = TrainingData.LoraModel())
            {
                await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options(directory) with { Epochs = 1 }).TrainAsync(TrainingData.Pairs(4));
            }

            foreach ((string field, TrainerOptions options, DpoOptions dpo) in new[]
            {
                ("beta", TrainingData.Options(directory) with { Epochs = 1 }, new DpoOptions { Beta = 0.5 }),
                ("rpo_alpha", TrainingData.Options(directory) with { Epochs = 1 }, new DpoOptions { RpoAlpha = 1.0 }),
                ("learning_rate", TrainingData.Options(directory) with { Epochs = 1, LearningRate = 1e-3 }, new DpoOptions()),
            })
            {
                using var other = TrainingData.LoraModel();
                var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                    new DpoOptimizer(other, TrainingData.Tokenizer, TrainingData.Template, options, dpo).TrainAsync(TrainingData.Pairs(4)));
                Assert.Contains($"its {field} is", error.Message, StringComparison.Ordinal);
            }

            // The same settings resume (the run is complete, so nothing is redone), and so do
            // changes to what may change on purpose (clipping).
            foreach (TrainerOptions options in new[]
            {
                TrainingData.Options(directory) with { Epochs = 1 },
                TrainingData.Options(directory) with { Epochs = 1, MaxGradientNorm = 0.5 },
            })
            {
                using var same = TrainingData.LoraModel();
                TrainingResult result = await new DpoOptimizer(same, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(TrainingData.Pairs(4));
                Assert.True(result.Steps > 0);
            }

            // Checkpoints written before the settings were recorded still resume.
            foreach (string state in Directory.GetFiles(directory, "trainer_state.json", SearchOption.AllDirectories))
            {
                var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(state))!.AsObject();
                Assert.True(json.Remove("hyper_parameters"), state);
                File.WriteAllText(state, json.ToJsonString());
            }

            using var older = TrainingData.LoraModel();
            TrainingResult resumed = await new DpoOptimizer(older, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options(directory) with { Epochs = 1 }, new DpoOptions { Beta = 0.5 }).TrainAsync(TrainingData.Pairs(4));
            Assert.True(resumed.Steps > 0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task KtoTrainsOnUnpairedCompletionsWithUnequalLabels()
    {
        using var model = TrainingData.LoraModel();
        var pairs = TrainingData.Pairs(4);
        var unpaired = new List<UnpairedPreference>
        {
            new("q0", pairs[0].Prompt, pairs[0].Chosen, true),
            new("q1", pairs[1].Prompt, pairs[1].Chosen, true),
            new("q2", pairs[2].Prompt, pairs[2].Chosen, true),
            new("q3", pairs[3].Prompt, pairs[3].Rejected, false),
            new("q0", pairs[0].Prompt, pairs[0].Rejected, false),
        };
        var progress = new RecordingProgress();
        var options = TrainingData.Options() with { BatchSize = 5, Epochs = 6, LearningRate = 0.05 };

        TrainingResult result = await new KtoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options, new KtoOptions { UndesirableWeight = 1.5 }).TrainAsync(unpaired, progress);

        Assert.Equal("kto", result.Optimizer);
        Assert.Equal(6, result.Steps);

        // Step 1 runs at learning rate 0 with policy = reference: every loss is 1 - σ(0) = 0.5, weighted
        // 1 for the 3 desirable and 1.5 for the 2 undesirable: (3·0.5 + 2·0.75) / 5 = 0.6.
        Assert.Equal(0.6, progress.Reports[0].Loss, 5);
        Assert.True(progress.Reports[^1].Loss < progress.Reports[0].Loss);
        Assert.True(progress.Reports[^1].Metrics["rewards/margins"] > 0.0);
    }

    [Fact]
    public async Task AConcurrentCallOnTheSameTrainerIsRefused()
    {
        using var model = TrainingData.LoraModel();
        var trainer = new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { Epochs = 20 });
        Task<TrainingResult> running = trainer.TrainAsync(TrainingData.Pairs(4));

        Assert.Throws<InvalidOperationException>(() => { _ = trainer.TrainAsync(TrainingData.Pairs(4)); });
        await running;

        // Once the first call has finished the trainer accepts another.
        TrainingResult again = await trainer.TrainAsync(TrainingData.Pairs(4));
        Assert.Equal(40, again.Steps);
    }
}
