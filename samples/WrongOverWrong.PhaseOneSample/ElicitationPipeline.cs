using Microsoft.Extensions.AI;
using Spectre.Console;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.IO;
using WrongOverWrong.Pairing;
using WrongOverWrong.Sources;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>
/// Phase 1 for one task: sample answers, grade them with the oracle, form wrong-over-wrong pairs,
/// let the five elicitors judge every pair, and score them at the paper's margins.
/// </summary>
internal sealed class ElicitationPipeline(SampleOptions options, IChatClient generator, IChatClient judge)
{
    private readonly TaskRegistry _registry = TaskRegistry.CreateDefault();

    public async Task<TaskRunResult> RunAsync(SampleTask task, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(options.OutputFolder, task.CliName);
        Directory.CreateDirectory(folder);
        var questions = await QuestionLoader.LoadAsync(task, options, cancellationToken);
        var oracle = _registry.Get(task.TaskName);

        var source = new ChatAnswerSource(generator, new ChatAnswerSourceOptions
        {
            GeneratorName = options.Model,
            SamplesPerQuestion = options.Samples,
            MaxConcurrency = options.Concurrency,
            Seed = options.Seed,
            // Appended set by set: a rerun with the same --out reads these back instead of sampling.
            ResultsPath = Path.Combine(folder, "answers.jsonl"),
        });

        var elicitors = CreateElicitors();
        var graded = new List<GradedAnswerSet>();
        SamplingBar? sampling = null;
        PairingResult? pairing = null;
        ElicitationRun? run = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                sampling = new SamplingBar(context.AddTask($"{task.CliName}: sampling", maxValue: Math.Max(1, questions.Chosen.Count)), task.CliName);
                await foreach (var set in source.GetAnswerSetsAsync(oracle, questions.Chosen, sampling, cancellationToken))
                {
                    graded.Add(_registry.GradeAll(set));
                }

                sampling.Complete();

                // Sets arrive in completion order (resumed ones first). Margins break ties at the
                // cut by pair order, so pair in question order: a rerun then reports the same numbers.
                var position = questions.Chosen.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
                graded.Sort((a, b) => position[a.Question.Id].CompareTo(position[b.Question.Id]));
                pairing = new PairBuilder(new PairingOptions { MaxPairs = options.MaxPairs, Seed = options.Seed }).Build(graded);

                var bars = new ElicitationBars(context, task.CliName, elicitors);
                var harness = new ElicitationHarness(new ElicitationHarnessOptions { MaxParallelQuestions = options.Concurrency, Seed = options.Seed });
                run = await harness.RunAsync(options.Model, pairing.Pairs, elicitors, bars, cancellationToken);
                bars.Complete();
            });

        await SaveAsync(folder, graded, pairing!, run!, cancellationToken);
        var candidates = graded.SelectMany(s => s.Candidates).ToList();
        return new TaskRunResult
        {
            Task = task,
            Questions = questions,
            Sampling = sampling!.Latest,
            Candidates = candidates.Count,
            Parsable = candidates.Count(c => c.Candidate.IsParsable),
            Correct = candidates.Count(c => c.IsCorrect),
            WithLogProbabilities = candidates.Count(c => c.Candidate.MeanLogProbability is not null),
            Pairing = pairing!.Report,
            Run = run!,
            PairwiseSwapDisagreements = elicitors.OfType<PairwiseJudgeElicitor>().Sum(e => e.SwapDisagreements),
            // A score judge's unparsable replies are its null batches (its cost is shared by its margin rows).
            ScoreJudgeNullBatches = run!.Reports
                .Where(r => elicitors.OfType<ScoreJudgeElicitor>().Any(e => e.Name == r.Elicitor))
                .GroupBy(r => r.Elicitor)
                .Sum(g => g.First().UnparsableReplies),
            Folder = folder,
        };
    }

    // Fresh instances per task, so each task's swap-disagreement counts are its own.
    private List<IPreferenceElicitor> CreateElicitors() =>
    [
        new LengthElicitor(),
        new ConsistencyElicitor(),
        new LogProbabilityElicitor(),
        new PairwiseJudgeElicitor(judge, new PairwiseJudgeOptions { ConsistencyCheck = true, MaxConcurrency = options.Concurrency }),
        new ScoreJudgeElicitor(judge, new ScoreJudgeOptions { BatchSize = options.ScoreBatch, MaxConcurrency = options.Concurrency }),
    ];

    private static async Task SaveAsync(string folder, IReadOnlyList<GradedAnswerSet> graded, PairingResult pairing, ElicitationRun run, CancellationToken cancellationToken)
    {
        await AnswerSetJsonLines.WriteAsync(Path.Combine(folder, "graded.jsonl"), graded, cancellationToken);
        await PairFiles.WritePairsAsync(Path.Combine(folder, "pairs.jsonl"), pairing.Pairs, cancellationToken);
        await PairFiles.WriteVerdictsAsync(Path.Combine(folder, "verdicts.jsonl"), run, cancellationToken);
        await ElicitationReports.SaveJsonAsync(Path.Combine(folder, "report.json"), run.Reports, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.txt"), ElicitationReports.FormatTable(run.Reports), cancellationToken);
    }
}
