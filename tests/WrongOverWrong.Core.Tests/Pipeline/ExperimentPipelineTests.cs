using System.Net.Http;
using Microsoft.Extensions.AI;
using WrongOverWrong.IO;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Pipeline.Reports;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Pipeline;

public sealed class ExperimentPipelineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wow-pipeline-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_whole_run_reports_phase_one_training_sets_and_every_arm_beside_its_controls()
    {
        var world = new PipelineWorld();
        var stages = new List<string>();
        var report = await new ExperimentPipeline(PipelineWorld.Options(Folder("full"))).RunAsync(world.Inputs(), new SynchronousProgress<PipelineProgress>(p => stages.Add(p.Stage)));

        Assert.Equal(PipelineStages.All.Order(), stages.Distinct().Order());
        Assert.Equal(6, report.TrainingQuestions);
        Assert.Equal(4, report.TestQuestions);
        Assert.Contains(report.Elicitation, r => r.Elicitor == "logprob" && r.Margin == "M_50");
        Assert.Equal(["oracle-wow", "row", "mix", "logprob@M_50"], report.TrainingSets.Select(t => t.Source));
        var mix = report.TrainingSets.Single(t => t.Source == "mix");
        Assert.Equal(2 * Math.Min(report.TrainingSets.Single(t => t.Source == "row").Used, report.TrainingSets.Single(t => t.Source == "oracle-wow").Used), mix.Used);

        Assert.Equal("base", report.Arms[0].Arm);
        Assert.Null(report.Arms[0].DeltaToBase);
        Assert.Contains(report.Arms, a => a.Arm == "oracle-wow.dpo" && a.Kind == ArmKind.Preference);
        Assert.Contains(report.Arms, a => a.Arm == "oracle-wow.dpo.random" && a.Kind == ArmKind.RandomPreferenceControl && a.ControlOf == "oracle-wow.dpo");
        Assert.Contains(report.Arms, a => a.Arm == "oracle-wow.sft" && a.Kind == ArmKind.SftControl);
        Assert.Equal(1 + (4 * 3), report.Arms.Count);

        // The aligned arms answer better than base, the random control as base: deltas say so.
        var dpo = report.Arms.Single(a => a.Arm == "oracle-wow.dpo");
        Assert.True(dpo.DeltaToBase!.Accuracy.Value > 0);
        Assert.True(dpo.DeltaToBase.MeanCor.Value > 0);
        Assert.True(dpo.DeltaToBase.Accuracy.Lower <= dpo.DeltaToBase.Accuracy.Value);
        var random = report.Arms.Single(a => a.Arm == "oracle-wow.dpo.random");
        Assert.Equal(0, random.DeltaToBase!.Accuracy.Value, 12);

        // Each preference arm is also compared with its own random control, paired on the same questions.
        Assert.Equal(dpo.DeltaToBase.Accuracy.Value - random.DeltaToBase.Accuracy.Value, dpo.DeltaToRandomControl!.Accuracy.Value, 12);
        Assert.Equal(dpo.DeltaToBase.MeanCor.Value - random.DeltaToBase.MeanCor.Value, dpo.DeltaToRandomControl.MeanCor.Value, 12);
        Assert.All(report.Arms.Where(a => a.Kind == ArmKind.Preference), a => Assert.NotNull(a.DeltaToRandomControl));
        Assert.All(report.Arms.Where(a => a.Kind != ArmKind.Preference), a => Assert.Null(a.DeltaToRandomControl));
        Assert.All(report.Arms, a => Assert.False(a.Collapsed));
        Assert.True(report.Arms[0].Test.Ece.Value >= 0);

        var markdown = await File.ReadAllTextAsync(Path.Combine(Folder("full"), "report.md"));
        Assert.Contains("oracle-wow.dpo.random", markdown);
        Assert.Contains("random control", markdown);
        Assert.Contains("### Preference arms minus their random-preference control (paired)", markdown);
        Assert.Contains("| oracle-wow.dpo | test | " + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{dpo.DeltaToRandomControl.PWrong.Value:+0.000;-0.000;0.000}"), markdown);
        var text = await File.ReadAllTextAsync(Path.Combine(Folder("full"), "report.json"));
        var json = ExperimentReport.FromJson(text);
        Assert.Equal(report.Arms.Count, json.Arms.Count);
        Assert.Equal(report.Arms[0].Test.MeanConfidence, json.Arms[0].Test.MeanConfidence);
        Assert.InRange(json.Arms[0].Test.MeanConfidence.Value, 0, 1);

        // A report written before mean confidence existed still reads, with the value undefined.
        var old = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        var removed = RemoveProperty(old, "meanConfidence");
        Assert.True(removed > 0, "the report has no meanConfidence property to remove");
        var legacy = ExperimentReport.FromJson(old.ToJsonString());
        Assert.True(double.IsNaN(legacy.Arms[0].Test.MeanConfidence.Value));
    }

    private static int RemoveProperty(System.Text.Json.Nodes.JsonNode? node, string name)
    {
        var removed = 0;
        if (node is System.Text.Json.Nodes.JsonObject o)
        {
            foreach (var key in o.Select(p => p.Key).ToList())
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    o.Remove(key);
                    removed++;
                }
                else
                {
                    removed += RemoveProperty(o[key], name);
                }
            }
        }
        else if (node is System.Text.Json.Nodes.JsonArray a)
        {
            removed += a.Sum(n => RemoveProperty(n, name));
        }

        return removed;
    }

    [Fact]
    public async Task Interrupted_after_any_stage_a_rerun_repeats_no_finished_call_and_reports_the_same()
    {
        var reference = new PipelineWorld();
        var expected = await new ExperimentPipeline(PipelineWorld.Options(Folder("reference"))).RunAsync(reference.Inputs());
        var referenceCalls = reference.Calls.Values.Sum();

        foreach (var stage in PipelineStages.All.Take(PipelineStages.All.Count - 1))
        {
            var world = new PipelineWorld();
            var folder = Folder("cut-" + stage);
            using var cts = new CancellationTokenSource();
            var progress = new SynchronousProgress<PipelineProgress>(p =>
            {
                if (p.Stage == stage && p.IsComplete)
                {
                    cts.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ExperimentPipeline(PipelineWorld.Options(folder)).RunAsync(world.Inputs(), progress, cts.Token));

            var resumed = await new ExperimentPipeline(PipelineWorld.Options(folder)).RunAsync(world.Inputs());

            Assert.True(world.Calls.Values.All(n => n == 1), $"after '{stage}': a call was repeated: {string.Join(", ", world.Calls.Where(kv => kv.Value > 1).Select(kv => kv.Key))}");
            Assert.Equal(referenceCalls, world.Calls.Values.Sum());
            Assert.True(world.Trainings.Values.All(n => n == 1), $"after '{stage}': an arm was trained twice");
            Assert.Equal(Normalize(expected), Normalize(resumed));
        }
    }

    [Fact]
    public async Task A_rerun_with_other_settings_is_refused_naming_the_setting()
    {
        var world = new PipelineWorld();
        var options = PipelineWorld.Options(Folder("settings"));
        await new ExperimentPipeline(options).RunAsync(world.Inputs() with { Policy = null, Generator = world.Model("base", 0) });

        // Phase 2 may follow phase 1 in the same folder: the policy and held-out questions are new settings.
        var continued = await new ExperimentPipeline(options).RunAsync(world.Inputs());
        Assert.NotEmpty(continued.Arms);

        options.MaxTrainingPairs = 100;
        var error = await Assert.ThrowsAsync<RunSettingsMismatchException>(() => new ExperimentPipeline(options).RunAsync(world.Inputs() with { Policy = null, Generator = world.Model("base", 0) }));
        Assert.Equal("MaxTrainingPairs", error.Setting);
        Assert.Contains("'4000'", error.Message);
        Assert.Contains("'100'", error.Message);
    }

    [Fact]
    public async Task The_random_control_holds_the_same_pairs_with_seeded_coin_flip_directions()
    {
        var world = new PipelineWorld();
        var folder = Folder("random");
        await new ExperimentPipeline(PipelineWorld.Options(folder)).RunAsync(world.Inputs() with { Policy = null, Generator = world.Model("base", 0) });

        var real = await ReadAsync(Path.Combine(folder, "training-sets", "oracle-wow.jsonl"));
        var random = await ReadAsync(Path.Combine(folder, "training-sets", "oracle-wow.random.jsonl"));
        Assert.Equal(real.Count, random.Count);
        var flipped = 0;
        for (var i = 0; i < real.Count; i++)
        {
            Assert.Equal(real[i].Prompt, random[i].Prompt);
            Assert.Equal(new[] { real[i].Chosen, real[i].Rejected }.Order(), new[] { random[i].Chosen, random[i].Rejected }.Order());
            flipped += real[i].Chosen == random[i].Chosen ? 0 : 1;
        }

        Assert.InRange(flipped, 1, real.Count - 1);
    }

    [Fact]
    public async Task A_model_that_is_always_right_ends_training_with_each_sources_pair_count()
    {
        var world = new PipelineWorld { Override = _ => "Answer: 10" };
        var error = await Assert.ThrowsAsync<InsufficientTrainingPairsException>(() => new ExperimentPipeline(PipelineWorld.Options(Folder("right"))).RunAsync(world.Inputs()));
        Assert.Contains("oracle-wow gave 0", error.Message);
        Assert.Contains("row gave 0", error.Message);
        Assert.True(File.Exists(Path.Combine(Folder("right"), "acc-wow.json")));
    }

    [Fact]
    public async Task An_unreachable_endpoint_ends_the_run_with_one_line_naming_the_address_and_a_rerun_resumes()
    {
        var world = new PipelineWorld();
        var failing = 0;
        var generator = new ScriptedChatClient((call, ct) =>
            Interlocked.Increment(ref failing) > 12 ? throw new HttpRequestException("Connection refused (localhost:11434)") : world.Model("base", 0).GetResponseAsync(call.Messages, call.Options, ct));
        var endpoint = new MetadataClient(generator, new Uri("http://localhost:11434/v1"));
        var folder = Folder("endpoint");
        var options = PipelineWorld.Options(folder);
        options.MaxConcurrency = 1;

        var error = await Assert.ThrowsAsync<PipelineEndpointException>(() => new ExperimentPipeline(options).RunAsync(world.Inputs() with { Policy = null, Generator = endpoint }));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("http://localhost:11434/v1", error.Message);
        Assert.Equal(PipelineStages.SampleTraining, error.Stage);
        var kept = 0;
        await foreach (var _ in AnswerSetJsonLines.ReadAsync(Path.Combine(folder, "train-answers.jsonl")))
        {
            kept++;
        }

        Assert.Equal(2, kept);
        var report = await new ExperimentPipeline(options).RunAsync(world.Inputs() with { Policy = null, Generator = world.Model("base", 0) });
        Assert.Equal(6, report.Pairing.Questions);
    }

    [Fact]
    public async Task A_grid_picks_by_validation_mean_cor_and_reports_test_questions_with_transfer_and_collapse()
    {
        var world = new PipelineWorld { Collapses = arm => arm.Contains(".sft", StringComparison.Ordinal) };
        var options = PipelineWorld.Options(Folder("grid"));
        options.TrainingSources = [TrainingSource.OracleWoW];
        options.LearningRateGrid = [1e-4, 5e-5];
        var inputs = world.Inputs() with
        {
            HeldOutQuestions = PipelineWorld.Questions("h", 6),
            Transfer = new TransferEvaluation(world.NumericTask, PipelineWorld.Questions("x", 2)),
        };

        var report = await new ExperimentPipeline(options).RunAsync(inputs);

        Assert.Equal(3, report.ValidationQuestions);
        Assert.Equal(3, report.TestQuestions);
        var dpo = report.Arms.Single(a => a.Arm == "oracle-wow.dpo");
        Assert.Equal(2, dpo.Grid.Count);
        Assert.Single(dpo.Grid, g => g.Picked);
        Assert.Equal(dpo.Grid.Single(g => g.Picked).LearningRate, dpo.LearningRate);
        Assert.Equal(12, dpo.Test.Answers);
        Assert.NotNull(dpo.Transfer);
        Assert.NotNull(dpo.TransferDeltaToBase);
        Assert.NotNull(dpo.DeltaToRandomControl);
        Assert.NotNull(dpo.TransferDeltaToRandomControl);
        Assert.Equal("fake-numeric", report.TransferTask);

        var sft = report.Arms.Single(a => a.Arm == "oracle-wow.sft");
        Assert.True(sft.Collapsed);
        Assert.Equal(0, sft.Test.ParsableShare.Value);
        Assert.Contains(report.Notes, n => n.Contains("'oracle-wow.sft' collapsed", StringComparison.Ordinal));
        var markdown = ExperimentReportFormatter.ToMarkdown(report);
        Assert.Contains("COLLAPSED", markdown);
        Assert.Contains("| ECE | mean conf | MCE |", markdown);
        var table = markdown.Split('\n').SkipWhile(l => !l.StartsWith("| arm | kind | pairs |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.True(table.Count > 2, "no arms table");
        Assert.All(table, l => Assert.Equal(table[0].Count(c => c == '|'), l.Count(c => c == '|')));
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExperimentPipeline(new ExperimentOptions { RunDirectory = Folder("bad"), ValidationShare = 1.5 }));
        Assert.Contains("ValidationShare", error.Message);
    }

    private static string Normalize(ExperimentReport report) => (report with { Timings = [] }).ToJson();

    private static async Task<List<Preference>> ReadAsync(string path)
    {
        var list = new List<Preference>();
        await foreach (var p in PreferenceJsonLines.ReadAsync(path))
        {
            list.Add(p);
        }

        return list;
    }

    private string Folder(string name) => Path.Combine(_root, name);

    private sealed class MetadataClient(IChatClient inner, Uri uri) : DelegatingChatClient(inner)
    {
        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("test", uri, "m") : base.GetService(serviceType, serviceKey);
    }
}
