using Microsoft.Extensions.AI;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.IO;
using WrongOverWrong.Pairing;
using WrongOverWrong.Pipeline.Reports;
using WrongOverWrong.Sources;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.Pipeline;

public sealed partial class ExperimentPipeline
{
    private async Task<PhaseOneResult> RunPhaseOneAsync(RunState state, CancellationToken cancellationToken)
    {
        var inputs = state.Inputs;
        var task = inputs.Task;
        var run = _options.RunDirectory;
        var generator = inputs.Generator ?? inputs.Policy!.BaseClient;

        var answers = await StageAsync(state, PipelineStages.SampleTraining, async () =>
        {
            var path = Path.Combine(run, RunNames.TrainingAnswers);
            var resumed = await IsCompleteAsync(path, inputs.TrainingQuestions, _options.SamplesPerQuestion, cancellationToken).ConfigureAwait(false);
            var sets = await SampleAsync(PipelineStages.SampleTraining, generator, task, inputs.TrainingQuestions, _options.SamplesPerQuestion, _options.GeneratorName, path, state, "training questions", cancellationToken).ConfigureAwait(false);
            return (sets, resumed);
        }, cancellationToken).ConfigureAwait(false);

        var graded = await StageAsync(state, PipelineStages.Grade, async () =>
        {
            var path = Path.Combine(run, RunNames.GradedTrainingAnswers);
            var resumed = File.Exists(path);
            var sets = answers.Select(task.GradeAll).ToList();
            if (!resumed)
            {
                await RunFiles.WriteAtomicAsync(path, temp => AnswerSetJsonLines.WriteAsync(temp, sets, cancellationToken)).ConfigureAwait(false);
            }

            state.Report(PipelineStages.Grade, sets.Count, sets.Count);
            return ((IReadOnlyList<GradedAnswerSet>)sets, resumed);
        }, cancellationToken).ConfigureAwait(false);

        var (wow, row, pairing) = await StageAsync(state, PipelineStages.Pair, () =>
        {
            var path = Path.Combine(run, RunNames.Pairing);
            var resumed = File.Exists(path);
            var wowResult = new PairBuilder(new PairingOptions { IncludeWrongOverWrong = true, IncludeRightOverWrong = false, MaxPairs = _options.MaxElicitationPairs, Seed = _options.Seed }).Build(graded);
            var rowResult = new PairBuilder(new PairingOptions { IncludeWrongOverWrong = false, IncludeRightOverWrong = true, MaxPairs = null, Seed = _options.Seed }).Build(graded);
            var report = wowResult.Report with { RightOverWrongFormed = rowResult.Report.RightOverWrongFormed };
            if (!resumed)
            {
                RunFiles.WriteJson(path, report);
            }

            state.Report(PipelineStages.Pair, 1, 1);
            return Task.FromResult(((wowResult.Pairs, rowResult.Pairs, report), resumed));
        }, cancellationToken).ConfigureAwait(false);

        var verdicts = await StageAsync(state, PipelineStages.Elicit, async () =>
        {
            var all = new Dictionary<string, IReadOnlyList<PairVerdict>>(StringComparer.Ordinal);
            var costs = new Dictionary<string, ElicitationCost>(StringComparer.Ordinal);
            var resumedAll = true;
            foreach (var elicitor in inputs.Elicitors)
            {
                var (v, cost, resumed) = await ElicitAsync(elicitor, wow, state, cancellationToken).ConfigureAwait(false);
                all[elicitor.Name] = v;
                costs[elicitor.Name] = cost;
                resumedAll &= resumed;
            }

            return ((all, costs), resumedAll);
        }, cancellationToken).ConfigureAwait(false);

        var accWow = await StageAsync(state, PipelineStages.AccWoW, () =>
        {
            var path = Path.Combine(run, RunNames.AccWoW);
            if (RunFiles.ReadJson<List<ElicitationReport>>(path) is { } stored)
            {
                state.Report(PipelineStages.AccWoW, 1, 1);
                return Task.FromResult(((IReadOnlyList<ElicitationReport>)stored, true));
            }

            var harness = new ElicitationHarness(new ElicitationHarnessOptions
            {
                Margins = [.. _options.Margins],
                BootstrapResamples = _options.BootstrapResamples,
                Confidence = _options.Confidence,
                Seed = _options.Seed,
                MaxParallelQuestions = _options.MaxParallelQuestions,
            });
            var reports = new List<ElicitationReport>();
            foreach (var elicitor in inputs.Elicitors)
            {
                if (verdicts.all[elicitor.Name].Count > 0)
                {
                    reports.AddRange(harness.Summarize(_options.GeneratorName, elicitor.Name, verdicts.all[elicitor.Name], verdicts.costs[elicitor.Name]));
                }
            }

            RunFiles.WriteJson(path, reports);
            state.Report(PipelineStages.AccWoW, 1, 1);
            return Task.FromResult(((IReadOnlyList<ElicitationReport>)reports, false));
        }, cancellationToken).ConfigureAwait(false);

        var sets = await StageAsync(state, PipelineStages.TrainingSets, () => BuildTrainingSetsAsync(state, wow, row, verdicts.all, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new PhaseOneResult(pairing, accWow, sets);
    }

    private async Task<(IReadOnlyList<PairVerdict> Verdicts, ElicitationCost Cost, bool Resumed)> ElicitAsync(IPreferenceElicitor elicitor, IReadOnlyList<CandidatePair> pairs, RunState state, CancellationToken cancellationToken)
    {
        var store = new VerdictStore(Path.Combine(_options.RunDirectory, RunNames.ElicitFolder), elicitor.Name);
        var stored = store.Read();
        var groups = pairs.GroupBy(p => p.Set.Question.Id, StringComparer.Ordinal).Select(g => (Id: g.Key, Set: g.First().Set, Pairs: (IReadOnlyList<CandidatePair>)g.ToList())).ToList();
        var pending = groups.Where(g => !stored.ContainsKey(g.Id)).ToList();
        var done = groups.Count - pending.Count;
        var fresh = new System.Collections.Concurrent.ConcurrentDictionary<string, (IReadOnlyList<PairVerdict> Verdicts, ElicitationCost Cost)>(StringComparer.Ordinal);
        state.Report(PipelineStages.Elicit, done, groups.Count, elicitor.Name);
        try
        {
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelQuestions, CancellationToken = cancellationToken },
                async (group, ct) =>
                {
                    // The elicitor sees the set and the pairs without grades or gold order.
                    var result = await elicitor.ElicitAsync(group.Set.ToAnswerSet(), [.. group.Pairs.Select(p => p.ToUngraded())], ct).ConfigureAwait(false);
                    if (result.Orders.Count != group.Pairs.Count)
                    {
                        throw new InvalidOperationException($"Elicitor '{elicitor.Name}' returned {result.Orders.Count} verdicts for the {group.Pairs.Count} pairs of question '{group.Id}'.");
                    }

                    var verdicts = group.Pairs.Select((p, i) => new PairVerdict(p, elicitor.Name, result.Orders[i].Predicted, result.Orders[i].FirstScore, result.Orders[i].SecondScore)).ToList();
                    fresh[group.Id] = (verdicts, result.Cost);
                    store.Append(group.Id, verdicts, result.Cost);
                    state.Report(PipelineStages.Elicit, Interlocked.Increment(ref done), groups.Count, elicitor.Name);
                }).ConfigureAwait(false);
        }
        catch (Exception e) when (EndpointFailure.Is(e, cancellationToken))
        {
            throw EndpointFailure.Wrap(PipelineStages.Elicit, $"elicitor '{elicitor.Name}'", null, e, store.Path);
        }

        var verdicts = new List<PairVerdict>(pairs.Count);
        var cost = ElicitationCost.Zero;
        foreach (var (id, _, groupPairs) in groups)
        {
            if (fresh.TryGetValue(id, out var v))
            {
                verdicts.AddRange(v.Verdicts);
                cost += v.Cost;
                continue;
            }

            cost += stored[id].Cost ?? ElicitationCost.Zero;
            var lines = stored[id].Verdicts.ToDictionary(l => (l.First, l.Second));
            foreach (var pair in groupPairs)
            {
                if (!lines.TryGetValue((pair.First.Index, pair.Second.Index), out var line))
                {
                    throw new InvalidDataException($"{store.Path}: question '{id}' has no verdict for candidates {pair.First.Index} and {pair.Second.Index}; the pairs changed since it was written. Delete the file to elicit again.");
                }

                verdicts.Add(new PairVerdict(pair, elicitor.Name, line.Verdict, line.FirstScore, line.SecondScore));
            }
        }

        return (verdicts, cost, pending.Count == 0);
    }

    private async Task<List<AnswerSet>> SampleAsync(string stage, IChatClient client, ITaskOracle task, IReadOnlyList<Question> questions, int samples, string generatorName, string path, RunState state, string what, CancellationToken cancellationToken)
    {
        var source = new ChatAnswerSource(client, new ChatAnswerSourceOptions
        {
            GeneratorName = generatorName,
            SamplesPerQuestion = samples,
            Temperature = _options.Temperature,
            TopP = _options.TopP,
            MaxOutputTokens = _options.MaxOutputTokens,
            Extraction = _options.Extraction,
            Seed = _options.Seed,
            MaxConcurrency = _options.MaxConcurrency,
            ResultsPath = path,
        });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var byId = new Dictionary<string, AnswerSet>(StringComparer.Ordinal);
        try
        {
            await foreach (var set in source.GetAnswerSetsAsync(task, questions, new SyncProgress<SamplingProgress>(p => state.Report(stage, p.QuestionsDone, p.QuestionsTotal, what)), cancellationToken).ConfigureAwait(false))
            {
                byId[set.Question.Id] = set;
            }
        }
        catch (Exception e) when (EndpointFailure.Is(e, cancellationToken))
        {
            throw EndpointFailure.Wrap(stage, $"the model '{generatorName}' ({what})", client, e, path);
        }

        return questions.Select(q => byId[q.Id]).ToList();
    }

    private static async Task<bool> IsCompleteAsync(string path, IReadOnlyList<Question> questions, int samples, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var wanted = questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var found = 0;
        try
        {
            await foreach (var set in AnswerSetJsonLines.ReadAsync(path, cancellationToken).ConfigureAwait(false))
            {
                if (wanted.Remove(set.Question.Id) && set.Candidates.Count == samples)
                {
                    found++;
                }
            }
        }
        catch (JsonLinesFormatException)
        {
            return false; // an unfinished last line: the source repairs it and resamples that question
        }

        return found == questions.Count;
    }

    private async Task<(IReadOnlyList<BuiltTrainingSet> Sets, bool Resumed)> BuildTrainingSetsAsync(RunState state, IReadOnlyList<CandidatePair> wow, IReadOnlyList<CandidatePair> row, IReadOnlyDictionary<string, IReadOnlyList<PairVerdict>> verdicts, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_options.RunDirectory, RunNames.TrainingSetFolder);
        var summaryPath = Path.Combine(_options.RunDirectory, RunNames.TrainingSetsSummary);
        var builder = new TrainingSetBuilder(state.Inputs.Task, _options.MaxTrainingPairs, _options.Seed);
        var stored = RunFiles.ReadJson<List<TrainingSetReport>>(summaryPath);
        var result = new List<BuiltTrainingSet>();
        var i = 0;
        foreach (var source in _options.TrainingSources)
        {
            var name = source.Name;
            var file = Path.Combine(RunNames.TrainingSetFolder, RunNames.Safe(name) + ".jsonl");
            var randomFile = Path.Combine(RunNames.TrainingSetFolder, RunNames.Safe(name) + ".random.jsonl");
            if (stored?.FirstOrDefault(r => r.Source == name) is { } report)
            {
                var preferences = await ReadPreferencesAsync(Path.Combine(_options.RunDirectory, file), cancellationToken).ConfigureAwait(false);
                var random = File.Exists(Path.Combine(_options.RunDirectory, randomFile)) ? await ReadPreferencesAsync(Path.Combine(_options.RunDirectory, randomFile), cancellationToken).ConfigureAwait(false) : [];
                result.Add(new BuiltTrainingSet(source, preferences, random, report, file, randomFile));
            }
            else
            {
                var set = builder.Build(source, wow, row, verdicts);
                var random = builder.RandomControl(set.Preferences, name);
                var trainable = set.Preferences.Count >= _options.MinTrainingPairs;
                Directory.CreateDirectory(folder);
                await RunFiles.WriteAtomicAsync(Path.Combine(_options.RunDirectory, file), temp => PreferenceJsonLines.WriteAsync(temp, set.Preferences, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await RunFiles.WriteAtomicAsync(Path.Combine(_options.RunDirectory, randomFile), temp => PreferenceJsonLines.WriteAsync(temp, random, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var summary = new TrainingSetReport { Source = name, Available = set.Available, Used = set.Preferences.Count, AgreementWithOracle = set.AgreementWithOracle, File = file, Trainable = trainable };
                result.Add(new BuiltTrainingSet(source, set.Preferences, random, summary, file, randomFile));
            }

            state.Report(PipelineStages.TrainingSets, ++i, _options.TrainingSources.Count, name);
        }

        foreach (var untrainable in result.Where(r => !r.Report.Trainable))
        {
            state.Notes.Add($"Training source '{untrainable.Source.Name}' gave {untrainable.Report.Used} pairs (fewer than {_options.MinTrainingPairs}); its arms were not trained.");
        }

        if (stored is null)
        {
            RunFiles.WriteJson(summaryPath, result.Select(r => r.Report).ToList());
        }

        return (result, stored is not null);
    }

    private static async Task<List<Preference>> ReadPreferencesAsync(string path, CancellationToken cancellationToken)
    {
        var list = new List<Preference>();
        await foreach (var p in PreferenceJsonLines.ReadAsync(path, true, cancellationToken).ConfigureAwait(false))
        {
            list.Add(p);
        }

        return list;
    }

    private sealed record PhaseOneResult(PairingReport Pairing, IReadOnlyList<ElicitationReport> AccWoW, IReadOnlyList<BuiltTrainingSet> TrainingSets);

    private sealed record BuiltTrainingSet(TrainingSource Source, IReadOnlyList<Preference> Preferences, IReadOnlyList<Preference> Random, TrainingSetReport Report, string File, string RandomFile);

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
