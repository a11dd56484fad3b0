using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using WrongOverWrong.Pipeline.Reports;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.Pipeline;

public sealed partial class ExperimentPipeline
{
    private async Task<ExperimentReport> RunPhaseTwoAsync(RunState state, IPolicy policy, PhaseOneResult phaseOne, ExperimentReport report, CancellationToken cancellationToken)
    {
        var inputs = state.Inputs;
        var task = inputs.Task;
        var trainable = phaseOne.TrainingSets.Where(s => s.Report.Trainable).ToList();
        if (trainable.Count == 0)
        {
            throw new InsufficientTrainingPairsException(phaseOne.TrainingSets.ToDictionary(s => s.Source.Name, s => s.Report.Used), _options.MinTrainingPairs);
        }

        var grid = Grid();
        var (validation, test) = Split(inputs.HeldOutQuestions, grid.Count > 1);
        var evaluationQuestions = inputs.HeldOutQuestions;
        var arms = PlanArms(trainable);
        var trainClock = new Stopwatch();
        var sampleClock = new Stopwatch();
        var trainResumed = true;
        var sampleResumed = true;

        // The base model first: every arm is compared with it.
        sampleClock.Start();
        var baseSets = await SampleOrReadAsync(RunNames.BaseArm, policy.BaseClient, task, evaluationQuestions, EvaluationPath(RunNames.BaseArm, null), state, cancellationToken).ConfigureAwait(false);
        sampleResumed &= baseSets.Resumed;
        List<AnswerSet>? baseTransfer = null;
        if (inputs.Transfer is { } transfer)
        {
            var t = await SampleOrReadAsync(RunNames.BaseArm, policy.BaseClient, transfer.Task, transfer.Questions, TransferPath(RunNames.BaseArm), state, cancellationToken).ConfigureAwait(false);
            baseTransfer = t.Sets;
            sampleResumed &= t.Resumed;
        }

        sampleClock.Stop();

        var results = new List<ArmResult>();
        for (var a = 0; a < arms.Count; a++)
        {
            var arm = arms[a];
            state.Report(PipelineStages.Train, a, arms.Count, arm.Arm);
            var points = new List<PointResult>();
            foreach (var (lr, epochs) in grid)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var point = grid.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"lr={lr:R},ep={epochs}") : null;
                var request = Request(arm, lr, epochs, point, inputs);
                var evalPath = EvaluationPath(arm.Arm, point);
                string? note = ReadTrainingNote(request.OutputDirectory);
                List<AnswerSet> sets;
                if (await IsCompleteAsync(evalPath, evaluationQuestions, _options.EvaluationSamplesPerQuestion, cancellationToken).ConfigureAwait(false))
                {
                    sampleClock.Start();
                    sets = (await SampleOrReadAsync(arm.Arm, policy.BaseClient, task, evaluationQuestions, evalPath, state, cancellationToken).ConfigureAwait(false)).Sets;
                    sampleClock.Stop();
                }
                else
                {
                    trainClock.Start();
                    using var aligned = await TrainAsync(policy, request, state, a, arms.Count, cancellationToken).ConfigureAwait(false);
                    trainClock.Stop();
                    trainResumed &= aligned.Reloaded;
                    note = aligned.Note ?? (aligned.Reloaded ? null : note);
                    WriteTrainingNote(request.OutputDirectory, aligned);
                    sampleClock.Start();
                    sets = (await SampleOrReadAsync(arm.Arm, aligned.Client, task, evaluationQuestions, evalPath, state, cancellationToken).ConfigureAwait(false)).Sets;
                    sampleClock.Stop();
                    sampleResumed = false;
                }

                points.Add(new PointResult(lr, epochs, point, request, sets, note));
            }

            // Model selection: the best validation mean cor (the first on ties); the test set is reported.
            var picked = points[0];
            var gridReports = new List<GridPointReport>();
            if (grid.Count > 1)
            {
                var scored = points.Select(p => (Point: p, Val: Select(p.Sets, validation, task))).ToList();
                picked = scored.OrderByDescending(s => double.IsNaN(s.Val.MeanCor) ? double.NegativeInfinity : s.Val.MeanCor).First().Point;
                gridReports = scored.Select(s => new GridPointReport(s.Point.LearningRate ?? double.NaN, s.Point.Epochs ?? 0, s.Val.MeanCor, s.Val.Parsable, ReferenceEquals(s.Point, picked))).ToList();
            }

            List<AnswerSet>? transferSets = null;
            if (inputs.Transfer is { } tr)
            {
                var path = TransferPath(picked.Point is null ? arm.Arm : $"{arm.Arm}.{picked.Point}");
                if (await IsCompleteAsync(path, tr.Questions, _options.EvaluationSamplesPerQuestion, cancellationToken).ConfigureAwait(false))
                {
                    transferSets = (await SampleOrReadAsync(arm.Arm, policy.BaseClient, tr.Task, tr.Questions, path, state, cancellationToken).ConfigureAwait(false)).Sets;
                }
                else
                {
                    using var aligned = await TrainAsync(policy, picked.Request, state, a, arms.Count, cancellationToken).ConfigureAwait(false);
                    sampleClock.Start();
                    transferSets = (await SampleOrReadAsync(arm.Arm, aligned.Client, tr.Task, tr.Questions, path, state, cancellationToken).ConfigureAwait(false)).Sets;
                    sampleClock.Stop();
                    sampleResumed = false;
                }
            }

            results.Add(new ArmResult(arm, picked, gridReports, transferSets));
            state.Report(PipelineStages.Train, a + 1, arms.Count, arm.Arm);
        }

        state.Timings.Add(new StageTiming(PipelineStages.Train, trainClock.Elapsed.TotalSeconds, trainResumed));
        state.Timings.Add(new StageTiming(PipelineStages.SampleEvaluation, sampleClock.Elapsed.TotalSeconds, sampleResumed));

        var rows = await StageAsync(state, PipelineStages.Evaluate, () =>
        {
            var evaluation = new EvaluationOptions { BootstrapResamples = _options.BootstrapResamples, Confidence = _options.Confidence, Seed = _options.Seed };
            var baseTest = Grade(baseSets.Sets, test, task);
            var baseEval = AnswerSetEvaluator.Evaluate(baseTest, evaluation);
            var baseTransferGraded = baseTransfer is null ? null : baseTransfer.Select(inputs.Transfer!.Task.GradeAll).ToList();
            var list = new List<ArmReport>
            {
                new()
                {
                    Arm = RunNames.BaseArm,
                    Kind = ArmKind.Base,
                    Test = baseEval,
                    Transfer = baseTransferGraded is null ? null : AnswerSetEvaluator.Evaluate(baseTransferGraded, evaluation),
                },
            };
            var graded = results.ToDictionary(
                r => r.Plan.Arm,
                r => (Test: Grade(r.Picked.Sets, test, task), Transfer: r.Transfer?.Select(inputs.Transfer!.Task.GradeAll).ToList()),
                StringComparer.Ordinal);
            var randomControlOf = results
                .Where(r => r.Plan.Kind == ArmKind.RandomPreferenceControl && r.Plan.ControlOf is not null)
                .ToDictionary(r => r.Plan.ControlOf!, r => graded[r.Plan.Arm], StringComparer.Ordinal);
            var done = 0;
            foreach (var r in results)
            {
                var (armTest, transferGraded) = graded[r.Plan.Arm];
                var control = r.Plan.Kind == ArmKind.Preference && randomControlOf.TryGetValue(r.Plan.Arm, out var c) ? c : default;
                var armEval = AnswerSetEvaluator.Evaluate(armTest, evaluation);
                var collapsed = armEval.ParsableShare.Value < _options.CollapseParsableShare || armEval.ParsableShare.Value < 0.5 * baseEval.ParsableShare.Value;
                if (collapsed)
                {
                    state.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Arm '{r.Plan.Arm}' collapsed: {armEval.ParsableShare.Value:P0} of its test answers are parsable (base {baseEval.ParsableShare.Value:P0}); its p_wrong, Acc and ECE mostly encode unparsable answers."));
                }

                list.Add(new ArmReport
                {
                    Arm = r.Plan.Arm,
                    Kind = r.Plan.Kind,
                    Source = r.Plan.Set.Source.Name,
                    Optimizer = r.Plan.Optimizer,
                    ControlOf = r.Plan.ControlOf,
                    TrainingExamples = r.Plan.Preferences.Count,
                    LearningRate = r.Picked.LearningRate,
                    Epochs = r.Picked.Epochs,
                    ValidationMeanCor = r.Grid.FirstOrDefault(g => g.Picked)?.ValidationMeanCor,
                    Grid = r.Grid,
                    Test = armEval,
                    DeltaToBase = AnswerSetEvaluator.Compare(baseTest, armTest, evaluation),
                    Collapsed = collapsed,
                    Note = r.Picked.Note,
                    Transfer = transferGraded is null ? null : AnswerSetEvaluator.Evaluate(transferGraded, evaluation),
                    TransferDeltaToBase = transferGraded is null || baseTransferGraded is null ? null : AnswerSetEvaluator.Compare(baseTransferGraded, transferGraded, evaluation),
                    DeltaToRandomControl = control.Test is null ? null : AnswerSetEvaluator.Compare(control.Test, armTest, evaluation),
                    TransferDeltaToRandomControl = transferGraded is null || control.Transfer is null ? null : AnswerSetEvaluator.Compare(control.Transfer, transferGraded, evaluation),
                });
                state.Report(PipelineStages.Evaluate, ++done, results.Count);
            }

            return Task.FromResult(((IReadOnlyList<ArmReport>)list, false));
        }, cancellationToken).ConfigureAwait(false);

        return report with
        {
            ValidationQuestions = validation.Count,
            TestQuestions = test.Count,
            Arms = rows,
            TransferTask = inputs.Transfer?.Task.Name,
        };
    }

    // Questions whose prompts a collapse guard probes (training questions: never the test set).
    private const int GuardQuestions = 8;

    private List<(double? LearningRate, int? Epochs)> Grid()
    {
        IEnumerable<double?> rates = _options.LearningRateGrid.Count == 0 ? [null] : _options.LearningRateGrid.Select(r => (double?)r);
        IEnumerable<int?> epochs = _options.EpochGrid.Count == 0 ? [null] : _options.EpochGrid.Select(e => (int?)e);
        return [.. rates.SelectMany(r => epochs.Select(e => (r, e)))];
    }

    // With a grid, held-out questions split (seeded) into validation (picks the grid point) and test
    // (reported). Without one there is nothing to pick, so every held-out question is a test question.
    private (HashSet<string> Validation, HashSet<string> Test) Split(IReadOnlyList<Question> heldOut, bool select)
    {
        var ids = heldOut.Select(q => q.Id).ToArray();
        if (!select)
        {
            return ([], ids.ToHashSet(StringComparer.Ordinal));
        }

        var shuffled = ids.ToArray();
        new Random(_options.Seed).Shuffle(shuffled);
        var validationCount = (int)Math.Round(shuffled.Length * _options.ValidationShare, MidpointRounding.AwayFromZero);
        validationCount = Math.Clamp(validationCount, 1, Math.Max(1, shuffled.Length - 1));
        return (shuffled.Take(validationCount).ToHashSet(StringComparer.Ordinal), shuffled.Skip(validationCount).ToHashSet(StringComparer.Ordinal));
    }

    private List<ArmPlan> PlanArms(IReadOnlyList<BuiltTrainingSet> sets)
    {
        var arms = new List<ArmPlan>();
        foreach (var set in sets)
        {
            foreach (var optimizer in _options.Optimizers)
            {
                var arm = $"{set.Source.Name}.{optimizer}";
                arms.Add(new ArmPlan(arm, ArmKind.Preference, set, optimizer, null, set.Preferences, set.File));
                if (_options.RandomPreferenceControl)
                {
                    arms.Add(new ArmPlan(arm + ".random", ArmKind.RandomPreferenceControl, set, optimizer, arm, set.Random, set.RandomFile));
                }
            }

            if (_options.SftControl)
            {
                arms.Add(new ArmPlan($"{set.Source.Name}.sft", ArmKind.SftControl, set, "sft", $"{set.Source.Name}.{_options.Optimizers[0]}", set.Preferences, set.File));
            }
        }

        return arms;
    }

    private PolicyTrainingRequest Request(ArmPlan arm, double? lr, int? epochs, string? point, ExperimentInputs inputs)
    {
        var task = inputs.Task;
        var probes = inputs.TrainingQuestions.Take(GuardQuestions).ToList();
        var folder = Path.Combine(_options.RunDirectory, RunNames.ArmsFolder, RunNames.Safe(arm.Arm));
        return new PolicyTrainingRequest
        {
            Arm = point is null ? arm.Arm : $"{arm.Arm}@{point}",
            Optimizer = arm.Optimizer,
            Preferences = arm.Preferences,
            PreferencesFile = Path.Combine(_options.RunDirectory, arm.File),
            OutputDirectory = point is null ? folder : Path.Combine(folder, RunNames.Safe(point)),
            LearningRate = lr,
            Epochs = epochs,
            Seed = _options.Seed,
            GuardPrompts = [.. probes.Select(q => task.BuildPrompt(q))],
            UsableShare = answers => answers.Count == 0 ? double.NaN : answers.Where((a, i) => i < probes.Count && task.ExtractFinalAnswer(probes[i], a) is not null).Count() / (double)answers.Count,
        };
    }

    private static async Task<AlignedPolicy> TrainAsync(IPolicy policy, PolicyTrainingRequest request, RunState state, int arm, int arms, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        var progress = new SyncProgress<TrainingProgress>(p => state.Report(PipelineStages.Train, arm, arms, string.Create(CultureInfo.InvariantCulture, $"{request.Arm} step {p.Step}/{p.TotalSteps}, loss {p.Loss:0.0000}")));
        try
        {
            return await policy.TrainAsync(request, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (EndpointFailure.Is(e, cancellationToken))
        {
            throw EndpointFailure.Wrap(PipelineStages.Train, $"the trainer of arm '{request.Arm}'", null, e, request.OutputDirectory);
        }
    }

    private async Task<(List<AnswerSet> Sets, bool Resumed)> SampleOrReadAsync(string generator, IChatClient client, ITaskOracle task, IReadOnlyList<Question> questions, string path, RunState state, CancellationToken cancellationToken)
    {
        var resumed = await IsCompleteAsync(path, questions, _options.EvaluationSamplesPerQuestion, cancellationToken).ConfigureAwait(false);
        var sets = await SampleWithAsync(PipelineStages.SampleEvaluation, client, task, questions, _options.EvaluationSamplesPerQuestion, generator, path, state, $"{generator} on {task.Name}", cancellationToken).ConfigureAwait(false);
        return (sets, resumed);
    }

    private Task<List<AnswerSet>> SampleWithAsync(string stage, IChatClient client, ITaskOracle task, IReadOnlyList<Question> questions, int samples, string generator, string path, RunState state, string what, CancellationToken cancellationToken) =>
        SampleAsync(stage, client, task, questions, samples, generator, path, state, what, cancellationToken);

    private string EvaluationPath(string arm, string? point) =>
        Path.Combine(_options.RunDirectory, RunNames.EvaluationFolder, RunNames.Safe(point is null ? arm : $"{arm}.{point}") + ".jsonl");

    private string TransferPath(string arm) =>
        Path.Combine(_options.RunDirectory, RunNames.TransferFolder, RunNames.Safe(arm) + ".jsonl");

    private static List<GradedAnswerSet> Grade(IReadOnlyList<AnswerSet> sets, HashSet<string> ids, ITaskOracle task) =>
        sets.Where(s => ids.Contains(s.Question.Id)).Select(task.GradeAll).ToList();

    private static (double MeanCor, double Parsable) Select(IReadOnlyList<AnswerSet> sets, HashSet<string> validation, ITaskOracle task)
    {
        var graded = Grade(sets, validation, task);
        if (graded.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var all = graded.SelectMany(s => s.Candidates).ToList();
        return (AnswerSetEvaluator.MeanCor(graded), all.Count(c => c.Candidate.IsParsable) / (double)all.Count);
    }

    private static string? ReadTrainingNote(string folder) =>
        RunFiles.ReadJson<TrainingRecord>(Path.Combine(folder, "training.json"))?.Note;

    private static void WriteTrainingNote(string folder, AlignedPolicy aligned)
    {
        var path = Path.Combine(folder, "training.json");
        if (!aligned.Reloaded || !File.Exists(path))
        {
            RunFiles.WriteJson(path, new TrainingRecord(aligned.Result?.Optimizer, aligned.Result?.Steps, aligned.Result?.FinalLoss, aligned.Note));
        }
    }

    private sealed record TrainingRecord(string? Optimizer, int? Steps, double? FinalLoss, string? Note);

    private sealed record ArmPlan(string Arm, ArmKind Kind, BuiltTrainingSet Set, string Optimizer, string? ControlOf, IReadOnlyList<Preference> Preferences, string File);

    private sealed record PointResult(double? LearningRate, int? Epochs, string? Point, PolicyTrainingRequest Request, List<AnswerSet> Sets, string? Note);

    private sealed record ArmResult(ArmPlan Plan, PointResult Picked, IReadOnlyList<GridPointReport> Grid, List<AnswerSet>? Transfer);
}
