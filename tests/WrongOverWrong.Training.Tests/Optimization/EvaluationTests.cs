using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>Evaluation during training: TRL's eval_ metrics, the best checkpoint, early stopping.</summary>
public sealed class EvaluationTests
{
    private static readonly IReadOnlyList<Preference> Train = [.. TrainingData.Pairs(6).Take(4)];
    private static readonly IReadOnlyList<Preference> Held = [.. TrainingData.Pairs(6).Skip(4)];

    [Fact]
    public async Task EvaluationReportsTrlNamesAtEveryEpochEndAndEveryEvalSteps()
    {
        using var model = TrainingData.LoraModel();
        var progress = new RecordingProgress();

        // 4 pairs in batches of 2: 2 steps per epoch, 6 in all.
        TrainingResult result = await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options())
            .TrainAsync(Train, Held, progress);

        Assert.Equal([2, 4, 6], progress.Reports.Where(r => r.Metrics.ContainsKey("eval_loss")).Select(r => r.Step));
        var metrics = progress.Reports[^1].Metrics;
        foreach (string name in new[] { "eval_loss", "eval_rewards/chosen", "eval_rewards/rejected", "eval_rewards/accuracies", "eval_rewards/margins", "eval_logps/chosen", "eval_logps/rejected" })
        {
            Assert.True(metrics.ContainsKey(name), name);
            Assert.True(double.IsFinite(metrics[name]), name);
        }

        Assert.Equal(metrics["eval_loss"], result.EvaluationMetrics["eval_loss"]);
        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(6, result.KeptStep);
        Assert.Contains("eval_loss", result.ToString(), StringComparison.Ordinal);

        using var every = TrainingData.LoraModel();
        var everyProgress = new RecordingProgress();
        await new DpoOptimizer(every, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { EvalSteps = 1 })
            .TrainAsync(Train, Held, everyProgress);
        Assert.NotEmpty(everyProgress.Reports);
        Assert.All(everyProgress.Reports, r => Assert.True(r.Metrics.ContainsKey("eval_loss"), $"step {r.Step}"));
    }

    [Fact]
    public async Task TheBestEvaluationIsKeptAndItsWeightsRestored()
    {
        using var model = TrainingData.LoraModel();
        var weights = new Dictionary<int, float[]>();
        var progress = new RecordingProgress(r => weights[r.Step] = Flatten(model));
        var options = TrainingData.Options() with { EvalSteps = 1, LoadBestModelAtEnd = true, LearningRate = 0.3, Epochs = 4 };

        TrainingResult result = await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(Train, Held, progress);

        // The first lowest eval_loss wins (an equal later value is no improvement).
        var losses = progress.Reports.Select(r => (r.Step, Loss: r.Metrics["eval_loss"])).ToList();
        var best = losses.First(l => l.Loss == losses.Min(x => x.Loss));
        Assert.Equal(best.Step, result.KeptStep);
        Assert.Equal(best.Loss, result.BestMetric);
        Assert.Equal("eval_loss", result.BestMetricName);
        Assert.Equal(best.Loss, result.EvaluationMetrics["eval_loss"]);
        Assert.Equal(weights[best.Step], Flatten(model));
        Assert.Equal(8, result.Steps);
    }

    [Fact]
    public async Task EarlyStoppingStopsAfterPatienceEvaluationsWithoutImprovement()
    {
        using var model = TrainingData.LoraModel();
        var weights = new Dictionary<int, float[]>();
        var progress = new RecordingProgress(r => weights[r.Step] = Flatten(model));

        // Greater-is-better on eval_loss with an unreachable threshold: the first evaluation is the
        // best, the next two do not improve it, so a patience of 2 stops at step 3 of 6.
        var options = TrainingData.Options() with
        {
            EvalSteps = 1,
            EarlyStoppingPatience = 2,
            EarlyStoppingThreshold = 1e6,
            LoadBestModelAtEnd = true,
        };
        TrainingResult result = await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(Train, Held, progress);

        Assert.Equal(StopReason.EarlyStopped, result.StopReason);
        Assert.Equal(3, result.Steps);
        Assert.Equal(3, progress.Reports.Count);
        Assert.Equal(1, result.KeptStep);
        Assert.Equal(weights[1], Flatten(model));
        Assert.Contains("did not improve", result.StopDetail, StringComparison.Ordinal);
        Assert.Contains("EarlyStopped", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsThatNeedAnEvaluationSetOrAKnownMetricFailNamingTheField()
    {
        using var model = TrainingData.LoraModel();
        var patience = new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { EarlyStoppingPatience = 1 });
        var error = await Assert.ThrowsAsync<ArgumentException>(() => patience.TrainAsync(Train));
        Assert.Contains(nameof(TrainerOptions.EarlyStoppingPatience), error.Message, StringComparison.Ordinal);

        var unknown = new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { MetricForBestModel = "eval_nope", Epochs = 1 });
        error = await Assert.ThrowsAsync<ArgumentException>(() => unknown.TrainAsync(Train, Held));
        Assert.Contains("eval_nope", error.Message, StringComparison.Ordinal);
        Assert.Contains("eval_rewards/accuracies", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SftEvaluatesTheHeldOutNll()
    {
        using var model = TrainingData.FullModel();
        var progress = new RecordingProgress();
        TrainingResult result = await new SftTrainer(model, TrainingData.Tokenizer, TrainingData.Template, TrainingData.Options() with { Epochs = 2 })
            .TrainAsync(Train, Held, progress);
        Assert.True(result.EvaluationMetrics["eval_loss"] > 0);
        Assert.Equal(result.EvaluationMetrics["eval_loss"], result.EvaluationMetrics["eval_nll_loss"], 5);
    }

    [Fact]
    public async Task LiveTensorCountDoesNotGrowAcrossEvaluationsAndGuardChecks()
    {
        using var model = TrainingData.LoraModel();
        var counts = new List<long>();
        var progress = new RecordingProgress(_ => counts.Add(TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        var guard = new CollapseGuard { Prompts = ["capital of france?", "two plus three?"], Validator = _ => 1.0, EverySteps = 1, MaxNewTokens = 4 };
        var options = TrainingData.Options() with { Epochs = 4, EvalSteps = 1, LoadBestModelAtEnd = true, CollapseGuard = guard };

        TrainingResult result = await new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, options).TrainAsync(Train, Held, progress);

        Assert.Equal(8, counts.Count);
        Assert.All(counts, c => Assert.Equal(counts[0], c));
        Assert.All(progress.Reports, r => Assert.Equal(1.0, r.Metrics[LanguageModelTrainer.GuardMetricName]));
        Assert.Equal(StopReason.Completed, result.StopReason);
    }

    [Fact]
    public void OptionsNameTheBadField()
    {
        Assert.Contains(nameof(TrainerOptions.EvalSteps), Assert.Throws<ArgumentException>(() => new TrainerOptions { EvalSteps = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains(nameof(TrainerOptions.EarlyStoppingPatience), Assert.Throws<ArgumentException>(() => new TrainerOptions { EarlyStoppingPatience = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CollapseGuard.Threshold), Assert.Throws<ArgumentException>(() => new TrainerOptions
        {
            CollapseGuard = new CollapseGuard { Prompts = ["q"], Validator = _ => 1.0, Threshold = 1.5 },
        }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains(nameof(DpoOptions.RpoAlpha), Assert.Throws<ArgumentException>(() => new DpoOptions { RpoAlpha = -1 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SimPoOptions.Beta), Assert.Throws<ArgumentException>(() => new SimPoOptions { Beta = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains(nameof(KtoOptions.DesirableWeight), Assert.Throws<ArgumentException>(() => new KtoOptions { DesirableWeight = -1 }.Validate()).Message, StringComparison.Ordinal);
        using var model = TrainingData.LoraModel();
        Assert.Throws<ArgumentException>(() => new OrpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, null, new OrpoOptions { Lambda = double.NaN }));
    }

    private static float[] Flatten(ICausalLanguageModel model) =>
        [.. model.TrainableParameters().SelectMany(p => p.Parameter.detach().cpu().data<float>().ToArray())];
}
