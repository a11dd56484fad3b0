using System.Text.Json;
using TorchSharp;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Scoring;
using Xunit.Abstractions;

namespace WrongOverWrong.Training.Tests.Optimization;

public sealed class PreferenceTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DpoRaisesRewardMarginsAndAccuracies()
    {
        using var model = TrainingData.LoraModel();
        var options = TrainingData.Options() with { Epochs = 8, LearningRate = 0.05 };
        var trainer = new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options);
        var progress = new RecordingProgress();

        TrainingResult result = await trainer.TrainAsync(TrainingData.Pairs(4), progress);

        var first = progress.Reports[0];
        var last = progress.Reports[^1];
        output.WriteLine($"margins {first.Metrics["rewards/margins"]} -> {last.Metrics["rewards/margins"]}, accuracies {first.Metrics["rewards/accuracies"]} -> {last.Metrics["rewards/accuracies"]}, loss {first.Loss} -> {last.Loss}");

        // 4 pairs, batch 2: 2 steps per epoch, 8 epochs.
        Assert.Equal(16, result.Steps);
        Assert.Equal(16, progress.Reports.Count);
        Assert.Equal("dpo", result.Optimizer);

        // Before the first update the adapter's B is zero, so policy = reference: rewards are 0 and log 2 is the loss.
        Assert.Equal(0.0, first.Metrics["rewards/margins"], 6);
        Assert.Equal(0.0, first.Metrics["rewards/accuracies"]);
        Assert.Equal(Math.Log(2), first.Loss, 5);
        Assert.True(last.Metrics["rewards/margins"] > 0.05, $"margins did not grow: {last.Metrics["rewards/margins"]}");
        Assert.Equal(1.0, last.Metrics["rewards/accuracies"]);
        Assert.True(last.Loss < first.Loss);
        foreach (string name in new[] { "rewards/chosen", "rewards/rejected", "logps/chosen", "logps/rejected", "grad_norm" })
        {
            Assert.True(last.Metrics.ContainsKey(name), name);
        }

        // Warmup: ceil(16 · 0.1) = 2 steps, so the first step's learning rate is 0 and the second 0.025.
        Assert.Equal(0.0, first.LearningRate);
        Assert.Equal(0.025, progress.Reports[1].LearningRate, 9);
        Assert.True(first.TokensPerSecond > 0);
    }

    [Fact]
    public async Task PrecomputedReferenceEqualsLiveReference()
    {
        using var precomputedModel = TrainingData.LoraModel();
        using var liveModel = TrainingData.LoraModel();
        var options = TrainingData.Options();
        var precomputed = new RecordingProgress();
        var live = new RecordingProgress();

        await new DpoOptimizer(precomputedModel, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(TrainingData.Pairs(5), precomputed);
        await new DpoOptimizer(liveModel, TrainingData.Tokenizer, TrainingData.Template, options with { PrecomputeReferenceLogProbs = false }).TrainAsync(TrainingData.Pairs(5), live);

        Assert.Equal(precomputed.Reports.Count, live.Reports.Count);
        for (int i = 0; i < live.Reports.Count; i++)
        {
            Assert.Equal(precomputed.Reports[i].Loss, live.Reports[i].Loss, 5);
            Assert.Equal(precomputed.Reports[i].Metrics["rewards/margins"], live.Reports[i].Metrics["rewards/margins"], 5);
        }

        AssertClose(precomputedModel.Snapshot(), liveModel.Snapshot(), 1e-5);
    }

    [Fact]
    public async Task A_fresh_run_refuses_a_folder_that_holds_another_runs_checkpoints()
    {
        // Pruning keeps the highest step numbers: mixing runs in one folder could delete the new
        // run's checkpoints and make a later resume continue the other run.
        var directory = TrainingData.TemporaryDirectory();
        try
        {
            var options = TrainingData.Options(directory) with { Epochs = 1, SaveSteps = 1 };
            using (var first = TrainingData.LoraModel())
            {
                await new DpoOptimizer(first, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(TrainingData.Pairs(2));
            }

            Assert.NotEmpty(Directory.GetDirectories(directory, "checkpoint-*"));
            using var second = TrainingData.LoraModel();
            var fresh = new DpoOptimizer(second, TrainingData.Tokenizer, TrainingData.Template, options with { ResumeFromCheckpoint = false });
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fresh.TrainAsync(TrainingData.Pairs(2)));
            Assert.Contains(directory, error.Message, StringComparison.Ordinal);
            Assert.Contains("ResumeFromCheckpoint", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ResumedRunReachesTheSameWeightsAsAnUninterruptedOne()
    {
        string uninterruptedDirectory = TrainingData.TemporaryDirectory();
        string resumedDirectory = TrainingData.TemporaryDirectory();
        try
        {
            var options = TrainingData.Options() with { SaveSteps = 2, GradientAccumulationSteps = 2, BatchSize = 1 };
            using var uninterrupted = TrainingData.LoraModel();
            var full = new RecordingProgress();
            await new DpoOptimizer(uninterrupted, TrainingData.Tokenizer, TrainingData.Template, options with { OutputDirectory = uninterruptedDirectory }).TrainAsync(TrainingData.Pairs(5), full);

            // Stop after step 3 (not a multiple of SaveSteps: cancellation writes its own checkpoint).
            using var cancellation = new CancellationTokenSource();
            using (var first = TrainingData.LoraModel())
            {
                var stopping = new RecordingProgress(report =>
                {
                    if (report.Step == 3)
                    {
                        cancellation.Cancel();
                    }
                });
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                    new DpoOptimizer(first, TrainingData.Tokenizer, TrainingData.Template, options with { OutputDirectory = resumedDirectory }).TrainAsync(TrainingData.Pairs(5), stopping, cancellation.Token));
                Assert.Equal(3, stopping.Reports.Count);
            }

            Assert.True(Directory.Exists(Path.Combine(resumedDirectory, "checkpoint-3")));

            // A fresh process would rebuild the same base model; resume from the checkpoint.
            using var resumed = TrainingData.LoraModel();
            var rest = new RecordingProgress();
            TrainingResult result = await new DpoOptimizer(resumed, TrainingData.Tokenizer, TrainingData.Template, options with { OutputDirectory = resumedDirectory }).TrainAsync(TrainingData.Pairs(5), rest);

            // 5 pairs, batch 1 × 2 accumulation: 3 steps per epoch, 9 steps; 6 remained.
            Assert.Equal(9, result.Steps);
            Assert.Equal(Enumerable.Range(4, 6), rest.Reports.Select(r => r.Step));
            Assert.Equal(full.Reports[^1].Loss, rest.Reports[^1].Loss, 6);
            AssertClose(uninterrupted.Snapshot(), resumed.Snapshot(), 0.0);

            // The metrics log reads as one run: steps 1..9 once each.
            string[] lines = File.ReadAllLines(Path.Combine(resumedDirectory, "metrics.jsonl"));
            Assert.Equal(Enumerable.Range(1, 9), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt32()));
            Assert.Contains("rewards/margins", lines[^1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(uninterruptedDirectory, recursive: true);
            Directory.Delete(resumedDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task NonFiniteLossStopsTrainingNamingTheStepAndKeepsTheLastCheckpoint()
    {
        string directory = TrainingData.TemporaryDirectory();
        try
        {
            using var model = TrainingData.LoraModel();
            Dictionary<string, float[]>? afterStep2 = null;
            var progress = new RecordingProgress(report =>
            {
                if (report.Step == 2)
                {
                    afterStep2 = model.Snapshot();
                    model.Poisoned = true;
                }
            });
            var options = TrainingData.Options(directory) with { SaveSteps = 1 };
            var trainer = new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options);

            var error = await Assert.ThrowsAsync<TrainingDivergedException>(() => trainer.TrainAsync(TrainingData.Pairs(4), progress));

            Assert.Equal(3, error.Step);
            Assert.Contains("step 3", error.Message, StringComparison.Ordinal);
            Assert.EndsWith("checkpoint-2", error.LastCheckpoint, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(directory, "checkpoint-3")));
            Assert.Empty(Directory.GetDirectories(directory, ".tmp-*"));

            // The bad step applied nothing, and checkpoint-2 holds exactly the weights after step 2.
            AssertClose(afterStep2!, model.Snapshot(), 0.0);
            using var reloaded = TrainingData.LoraModel();
            reloaded.LoadTrainable(Path.Combine(directory, "checkpoint-2"));
            AssertClose(afterStep2!, reloaded.Snapshot(), 0.0);
            using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "checkpoint-2", "trainer_state.json")));
            Assert.Equal(2, state.RootElement.GetProperty("global_step").GetInt32());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task LiveTensorCountDoesNotGrowAcrossSteps()
    {
        using var model = TrainingData.LoraModel();
        var counts = new List<long>();
        var progress = new RecordingProgress(_ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        var options = TrainingData.Options() with { Epochs = 4, PrecomputeReferenceLogProbs = false };

        await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(TrainingData.Pairs(4), progress);

        output.WriteLine(string.Join(", ", counts));
        Assert.Equal(8, counts.Count);
        Assert.All(counts, c => Assert.Equal(counts[0], c));
    }

    [Fact]
    public async Task KtoOnPairedDataSeparatesDesirableFromUndesirable()
    {
        using var model = TrainingData.LoraModel();
        var progress = new RecordingProgress();
        var options = TrainingData.Options() with { Epochs = 6, LearningRate = 0.05, BatchSize = 4 };

        TrainingResult result = await new KtoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(TrainingData.Pairs(4), progress);

        // 4 pairs become 8 unpaired examples: 2 batches of 4 per epoch.
        Assert.Equal(12, result.Steps);
        Assert.Equal(0.0, progress.Reports[0].Metrics["kl"], 6);
        Assert.True(progress.Reports[^1].Metrics["rewards/margins"] > 0.0, $"margin {progress.Reports[^1].Metrics["rewards/margins"]}");
        Assert.Equal(12, progress.Reports.Count);
        Assert.All(progress.Reports, r => Assert.True(r.Metrics["kl"] >= 0.0));
    }

    [Fact]
    public void KtoScoresEachCompletionUnderADifferentPrompt()
    {
        // Paired data converted for KTO: prompts p, p, q, q, r (chosen and rejected share a prompt).
        int[] p = [1, 10], q = [1, 11], r = [1, 12];
        var examples = new List<TokenizedExample>
        {
            new(p, [[20, 21]], true),
            new(p, [[22]], false),
            new(q, [[23, 24, 25]], true),
            new(q, [[26]], false),
            new(r, [[27, 28]], true),
        };

        var prepared = KtoOptimizer.WithMismatchedCompletions(examples, maxLength: 4);

        // Each takes the next completion whose prompt differs; cut to fit 4 - 2 = 2 tokens.
        Assert.Equal([23, 24], prepared[0].Completions[1]);
        Assert.Equal([23, 24], prepared[1].Completions[1]);
        Assert.Equal([27, 28], prepared[2].Completions[1]);
        Assert.Equal([27, 28], prepared[3].Completions[1]);
        Assert.Equal([20, 21], prepared[4].Completions[1]);
        Assert.All(prepared.Zip(examples), pair => Assert.Equal(pair.Second.Completions[0], pair.First.Completions[0]));
    }

    [Theory]
    [InlineData("ipo")]
    [InlineData("simpo")]
    [InlineData("orpo")]
    public async Task OtherOptimizersTrainWithFiniteLossesAndTheirMetrics(string name)
    {
        using var model = TrainingData.LoraModel();
        // One batch holds all pairs, so the first and last steps measure the same data.
        var options = TrainingData.Options() with { Epochs = 8, LearningRate = 0.05, BatchSize = 4 };
        PreferenceTrainer trainer = name switch
        {
            "ipo" => new IpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options),
            "simpo" => new SimPoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options),
            _ => new OrpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options),
        };
        var progress = new RecordingProgress();

        TrainingResult result = await trainer.TrainAsync(TrainingData.Pairs(4), progress);

        output.WriteLine(string.Join("\n", progress.Reports.Select(r => $"{r.Step} loss {r.Loss:F5} margin {r.Metrics["rewards/margins"]:F5} lr {r.LearningRate:F4}")));
        Assert.Equal(name, result.Optimizer);
        Assert.Equal(8, progress.Reports.Count); // 8 epochs of one batch
        Assert.All(progress.Reports, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.True(progress.Reports[^1].Loss < progress.Reports[0].Loss, $"{progress.Reports[0].Loss} -> {progress.Reports[^1].Loss}");
        if (name != "orpo")
        {
            Assert.True(progress.Reports[^1].Metrics["rewards/margins"] > progress.Reports[0].Metrics["rewards/margins"]);
        }
        else
        {
            // With λ = 0.1 the NLL term dominates ORPO on this tiny model: it falls; the margin need not grow.
            Assert.True(progress.Reports[^1].Metrics["nll_loss"] < progress.Reports[0].Metrics["nll_loss"]);
            Assert.Contains("nll_loss", result.FinalMetrics.Keys);
            Assert.Contains("log_odds_ratio", result.FinalMetrics.Keys);
            Assert.Contains("log_odds_chosen", result.FinalMetrics.Keys);
        }
    }

    [Fact]
    public async Task DpoWithRpoAlphaLogsTheNllTermAndAddsItToTheLoss()
    {
        // Same model and data, one step each: the step-1 loss differs by exactly α·nll_loss (the
        // DPO part is log 2 for both, since the policy starts equal to the reference).
        var options = TrainingData.Options() with { Epochs = 1, BatchSize = 4 };
        using var plainModel = TrainingData.LoraModel();
        using var rpoModel = TrainingData.LoraModel();
        var plain = new RecordingProgress();
        var rpo = new RecordingProgress();

        await new DpoOptimizer(plainModel, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(TrainingData.Pairs(4), plain);
        TrainingResult result = await new DpoOptimizer(rpoModel, TrainingData.Tokenizer, TrainingData.Template, options, new DpoOptions { RpoAlpha = 0.5 }).TrainAsync(TrainingData.Pairs(4), rpo);

        Assert.DoesNotContain("nll_loss", plain.Reports[0].Metrics.Keys);
        double nll = rpo.Reports[0].Metrics["nll_loss"];
        Assert.True(nll > 0);
        Assert.Equal(Math.Log(2), plain.Reports[0].Loss, 5);
        Assert.Equal(plain.Reports[0].Loss + (0.5 * nll), rpo.Reports[0].Loss, 5);
        Assert.Contains("nll_loss", result.FinalMetrics.Keys);
    }

    [Fact]
    public async Task OrpoTrlNormalizationAveragesTheNllOverPromptAndCompletion()
    {
        // Room for whole prompts, so the hand computation below sees what the trainer sees.
        var options = TrainingData.Options() with { Epochs = 1, BatchSize = 4, MaxPromptLength = 80, MaxLength = 120 };
        using var completionModel = TrainingData.LoraModel();
        using var sequenceModel = TrainingData.LoraModel();
        var completion = new RecordingProgress();
        var sequence = new RecordingProgress();

        await new OrpoOptimizer(completionModel, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(TrainingData.Pairs(4), completion);
        await new OrpoOptimizer(sequenceModel, TrainingData.Tokenizer, TrainingData.Template, options, new OrpoOptions { NllNormalization = OrpoNllNormalization.PromptAndCompletionTokens })
            .TrainAsync(TrainingData.Pairs(4), sequence);

        // The odds-ratio part reads completion tokens in both modes; only the NLL term changes.
        Assert.Equal(completion.Reports[0].Metrics["log_odds_ratio"], sequence.Reports[0].Metrics["log_odds_ratio"], 5);
        Assert.NotEqual(completion.Reports[0].Metrics["nll_loss"], sequence.Reports[0].Metrics["nll_loss"], 3);

        // By hand: the chosen rows' log-probs over every token after position 0, summed, over their count.
        var examples = TrainingData.Pairs(4).Select(p =>
        {
            int[] prompt = ChatPromptEncoder.Encode(TrainingData.Tokenizer, TrainingData.Template, [new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, p.Prompt)]);
            return prompt.Concat(TrainingData.Tokenizer.Encode(p.Chosen + TrainingData.Template.EndOfTurn)).ToArray();
        }).ToList();
        using var fresh = TrainingData.LoraModel();
        double sum = 0;
        int count = 0;
        foreach (int[] ids in examples)
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            var input = TorchSharp.torch.tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Length]);
            var mask = TorchSharp.torch.ones([1, ids.Length], TorchSharp.torch.ScalarType.Bool);
            mask[0, 0] = TorchSharp.torch.tensor(false);
            sum += CompletionLogProbabilities.Compute(fresh, input, mask).sum().item<float>();
            count += ids.Length - 1;
        }

        Assert.Equal(-sum / count, sequence.Reports[0].Metrics["nll_loss"], 4);
    }

    [Fact]
    public async Task SftWithFullFineTuningLowersTheChosenNll()
    {
        using var model = TrainingData.FullModel();
        var progress = new RecordingProgress();
        var options = TrainingData.Options() with { Epochs = 5, LearningRate = 0.02 };

        TrainingResult result = await new SftTrainer(model, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(TrainingData.Pairs(4), progress);

        Assert.Equal("sft", result.Optimizer);
        Assert.Equal(progress.Reports[0].Metrics["nll_loss"], progress.Reports[0].Loss, 6);
        Assert.True(progress.Reports[^1].Loss < progress.Reports[0].Loss * 0.9, $"{progress.Reports[0].Loss} -> {progress.Reports[^1].Loss}");
    }

    [Fact]
    public async Task FullFineTuningNeedsAPrecomputedReference()
    {
        using var model = TrainingData.FullModel();
        var trainer = new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { PrecomputeReferenceLogProbs = false });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => trainer.TrainAsync(TrainingData.Pairs(2)));
        Assert.Contains("precompute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DegenerateDataIsRejectedOrCountedAsSkipped()
    {
        using var model = TrainingData.LoraModel();
        var trainer = new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { Epochs = 1 });

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync([]));
        Assert.Equal("preferences", empty.ParamName);

        var identical = TrainingData.Pairs(2).Select(p => p with { Rejected = p.Chosen }).ToList();
        var allSkipped = await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(identical));
        Assert.Contains("2 chosen equals rejected", allSkipped.Message, StringComparison.Ordinal);

        var mixed = TrainingData.Pairs(4).ToList();
        mixed[1] = mixed[1] with { Rejected = mixed[1].Chosen };
        TrainingResult result = await trainer.TrainAsync(mixed);
        Assert.Equal(1, result.SkippedExamples);
        Assert.Equal(2, result.Steps); // 3 usable pairs in batches of 2.
    }

    [Fact]
    public async Task KtoSkipsAndCountsPairsWhoseChosenEqualsRejected()
    {
        // Split into desirable and undesirable halves, such a pair would train one text both ways.
        using var model = TrainingData.LoraModel();
        var kto = new KtoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { Epochs = 1 });

        var identical = TrainingData.Pairs(2).Select(p => p with { Rejected = p.Chosen }).ToList();
        var allSkipped = await Assert.ThrowsAsync<ArgumentException>(() => kto.TrainAsync(identical));
        Assert.Contains("2 chosen equals rejected", allSkipped.Message, StringComparison.Ordinal);

        var mixed = TrainingData.Pairs(4).ToList();
        mixed[1] = mixed[1] with { Rejected = mixed[1].Chosen };
        TrainingResult result = await kto.TrainAsync(mixed);
        Assert.Equal(1, result.SkippedExamples);
    }

    [Fact]
    public void LongPromptsKeepTheirEndAndCompletionsAreCutToFit()
    {
        var options = TrainingData.Options() with { MaxPromptLength = 10, MaxLength = 16 };
        var examples = new List<TrainingExample>
        {
            new("q0", "a very long question that does not fit", ["an answer longer than six", "no"], true),
        };

        var data = PreferenceDataset.Build(examples, TrainingData.Tokenizer, TrainingData.Template, options);

        var item = Assert.Single(data.Examples);
        Assert.Equal(10, item.Prompt.Length);
        Assert.Equal(1, item.Prompt[0]); // BOS kept in front
        Assert.Equal(TrainingData.Tokenizer.Encode("assistant: ").TakeLast(9), item.Prompt[1..]);
        Assert.Equal(6, item.Completions[0].Length);
        Assert.Equal(TrainingData.Tokenizer.Encode("an ans"), item.Completions[0]);
        Assert.Equal(TrainingData.Tokenizer.Encode("no<eot>"), item.Completions[1]);
        Assert.Equal(1, data.TruncatedPrompts);
        Assert.Equal(1, data.TruncatedCompletions);
    }

    [Fact]
    public void OptionsRejectAMaxLengthWithNoRoomForTheCompletion()
    {
        var error = Assert.Throws<ArgumentException>(() => (TrainingData.Options() with { MaxLength = 40, MaxPromptLength = 40 }).Validate());
        Assert.Equal("MaxLength", error.ParamName);
    }

    private static void AssertClose(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual, double tolerance)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected)
        {
            float[] other = actual[name];
            double worst = values.Zip(other, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= tolerance, $"{name}: max difference {worst}");
        }
    }
}
