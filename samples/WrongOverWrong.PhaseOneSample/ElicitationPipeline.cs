using Microsoft.Extensions.AI;
using Spectre.Console;
using WrongOverWrong.Chat;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.IO;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Pipeline.Reports;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>
/// Phase 1 for one task through the library's <see cref="ExperimentPipeline"/> (no policy, so it
/// stops after the Acc_WoW report): sample answers, grade them with the oracle, form
/// wrong-over-wrong pairs, let the five elicitors judge every pair, and score them at the paper's
/// margins. Everything lands in the task's run folder, and a rerun resumes there.
/// </summary>
internal sealed class ElicitationPipeline(SampleOptions options, IChatClient generator, ChatUsageMeter generatorUsage, IChatClient judge, ChatUsageMeter judgeUsage)
{
    /// <summary>The pipeline's file of sampled answers (appended per question; read back on a rerun).</summary>
    public const string AnswersFile = "train-answers.jsonl";

    /// <summary>The pipeline's file of graded answers.</summary>
    public const string GradedFile = "train-graded.jsonl";

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
            // No training sources and no policy: phase 1 only.
            TrainingSources = [],
        });

        var answersPath = Path.Combine(folder, AnswersFile);
        var resumed = await CountFinishedAsync(answersPath, questions.Chosen, options.Samples, cancellationToken);
        var (calls, tokensIn, tokensOut) = (generatorUsage.Calls, generatorUsage.InputTokens, generatorUsage.OutputTokens);
        ExperimentReport? report = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new StageBars(context, task.CliName, questions.Chosen.Count, resumed, elicitors, generatorUsage, judgeUsage);
                report = await pipeline.RunAsync(
                    new ExperimentInputs { Task = oracle, TrainingQuestions = questions.Chosen, Elicitors = elicitors, Generator = generator },
                    bars,
                    cancellationToken);
                bars.Complete();
            });

        var graded = new List<GradedAnswerSet>();
        await foreach (var set in AnswerSetJsonLines.ReadGradedAsync(Path.Combine(folder, GradedFile), cancellationToken))
        {
            graded.Add(set);
        }

        var candidates = graded.SelectMany(s => s.Candidates).ToList();
        await File.WriteAllTextAsync(Path.Combine(folder, "report.txt"), ElicitationReports.FormatTable(report!.Elicitation), cancellationToken);
        return new TaskRunResult
        {
            Task = task,
            Questions = questions,
            Sampling = new SamplingSummary(generatorUsage.Calls - calls, generatorUsage.InputTokens - tokensIn, generatorUsage.OutputTokens - tokensOut, resumed, questions.Chosen.Count),
            Candidates = candidates.Count,
            Parsable = candidates.Count(c => c.Candidate.IsParsable),
            Correct = candidates.Count(c => c.IsCorrect),
            WithLogProbabilities = candidates.Count(c => c.Candidate.MeanLogProbability is not null),
            Pairing = report.Pairing,
            Reports = report.Elicitation,
            // From the reports, not the elicitors' counters: those miss questions resumed from elicit/.
            PairwiseAbstentions = FirstRow(report.Elicitation, elicitors.OfType<PairwiseJudgeElicitor>())?.Abstentions ?? 0,
            ScoreJudgeNullBatches = FirstRow(report.Elicitation, elicitors.OfType<ScoreJudgeElicitor>())?.UnparsableReplies ?? 0,
            Folder = folder,
        };
    }

    // Fresh instances per task, so each task's counters are its own.
    private List<IPreferenceElicitor> CreateElicitors() =>
    [
        new LengthElicitor(),
        new ConsistencyElicitor(),
        new LogProbabilityElicitor(),
        new PairwiseJudgeElicitor(judge, new PairwiseJudgeOptions { ConsistencyCheck = true, MaxConcurrency = options.Concurrency }),
        new ScoreJudgeElicitor(judge, new ScoreJudgeOptions { BatchSize = options.ScoreBatch, MaxConcurrency = options.Concurrency }),
    ];

    // An elicitor's abstentions and unreadable replies are the same in every margin row; take the first.
    private static ElicitationReport? FirstRow(IReadOnlyList<ElicitationReport> reports, IEnumerable<IPreferenceElicitor> elicitors)
    {
        var names = elicitors.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        return reports.FirstOrDefault(r => names.Contains(r.Elicitor));
    }

    /// <summary>Questions whose answer sets a previous run finished (the pipeline reads them back instead of sampling).</summary>
    private static async Task<int> CountFinishedAsync(string path, IReadOnlyList<Question> questions, int samples, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var wanted = questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var found = 0;
        try
        {
            await foreach (var set in AnswerSetJsonLines.ReadAsync(path, cancellationToken))
            {
                if (wanted.Remove(set.Question.Id) && set.Candidates.Count == samples)
                {
                    found++;
                }
            }
        }
        catch (JsonLinesFormatException)
        {
            // An unfinished last line (an interrupted write): the pipeline repairs it and samples that question again.
        }

        return found;
    }
}
