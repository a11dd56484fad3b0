using Microsoft.Extensions.AI;
using Spectre.Console;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.IO;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.Samples.ElicitationRunner;

/// <summary>
/// Phase 1 for one task through the library's <see cref="ExperimentPipeline"/> (no policy, so it
/// stops after the Acc_WoW report): sample answers, grade them with the oracle, form
/// wrong-over-wrong pairs, let the five elicitors judge every pair, and score them at the paper's
/// margins. Everything lands in the task's run folder, and a rerun resumes there.
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
        var elicitors = CreateElicitors();
        var pipeline = new ExperimentPipeline(new ExperimentOptions
        {
            RunDirectory = folder,
            GeneratorName = options.Model,
            SamplesPerQuestion = options.Samples,
            MaxConcurrency = options.Concurrency,
            MaxParallelQuestions = options.Concurrency,
            MaxElicitationPairs = options.MaxPairs ?? int.MaxValue,
            Seed = options.Seed,
            TrainingSources = [],
        });

        ExperimentReport? report = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new StageBars(context, task.CliName, elicitors);
                report = await pipeline.RunAsync(
                    new ExperimentInputs { Task = oracle, TrainingQuestions = questions.Chosen, Elicitors = elicitors, Generator = generator },
                    bars,
                    cancellationToken);
                bars.Complete();
            });

        var graded = new List<AnswerSet>();
        await foreach (var set in AnswerSetJsonLines.ReadAsync(Path.Combine(folder, "train-graded.jsonl"), cancellationToken))
        {
            graded.Add(set);
        }

        var candidates = graded.SelectMany(s => s.Candidates).ToList();
        await File.WriteAllTextAsync(Path.Combine(folder, "report.txt"), ElicitationReports.FormatTable(report!.Elicitation), cancellationToken);
        return new TaskRunResult
        {
            Task = task,
            Questions = questions,
            Candidates = candidates.Count,
            Parsable = candidates.Count(c => c.IsParsable),
            Correct = candidates.Count(c => c.Grade?.IsCorrect == true),
            WithLogProbabilities = candidates.Count(c => c.MeanLogProbability is not null),
            Pairing = report.Pairing,
            Reports = report.Elicitation,
            PairwiseSwapDisagreements = elicitors.OfType<PairwiseJudgeElicitor>().Sum(e => e.SwapDisagreements),
            ScoreJudgeNullBatches = elicitors.OfType<ScoreJudgeElicitor>().Sum(e => e.NullBatches),
            Folder = folder,
        };
    }

    // Fresh instances per task, so each task's costs are its own.
    private List<IPreferenceElicitor> CreateElicitors() =>
    [
        new LengthElicitor(),
        new ConsistencyElicitor(),
        new LogProbabilityElicitor(),
        new PairwiseJudgeElicitor(judge, new PairwiseJudgeOptions { ConsistencyCheck = true, MaxConcurrency = options.Concurrency }),
        new ScoreJudgeElicitor(judge, new ScoreJudgeOptions { BatchSize = options.ScoreBatch, MaxConcurrency = options.Concurrency }),
    ];
}
