using WrongOverWrong.IO;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.MainJob.Run;

/// <summary>
/// Pools one arm's evaluation answers over several finished runs of the job, so that effects too
/// small for one run's questions can be measured over several seeds. A question is matched across
/// runs by id and text: when two runs evaluated the same question (the real NLGraph questions, or
/// synthetic ones drawn with the same seed), their answers are joined into one answer set; when the
/// same id holds another question (synthetic questions of another seed), it becomes a question of
/// its own, its id prefixed with the run's position ("run2/job-heldout-0").
/// </summary>
public static class RunPooling
{
    /// <summary>The pipeline's folder of held-out answers (synthetic questions).</summary>
    public const string EvaluationFolder = "eval-answers";

    /// <summary>The pipeline's folder of transfer answers (the real NLGraph questions).</summary>
    public const string TransferFolder = "transfer-answers";

    /// <summary>
    /// Reads <c>pipeline/<paramref name="evaluationFolder"/>/<paramref name="arm"/>.jsonl</c> of every
    /// run folder, pools the answer sets as described on the class and grades them with the oracle
    /// of each question's task. The result's order and ids depend only on the runs' questions, so two
    /// arms of the same runs pool onto the same questions and can be compared pairwise.
    /// </summary>
    /// <param name="runFolders">Finished run folders of the main job, in a fixed order.</param>
    /// <param name="evaluationFolder"><see cref="EvaluationFolder"/> (synthetic held-out) or <see cref="TransferFolder"/> (real NLGraph).</param>
    /// <param name="arm">The arm's file name without extension, e.g. <c>base</c> or <c>oracle-wow.dpo</c>.</param>
    /// <param name="tasks">Oracles by task name.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="FileNotFoundException">A run lacks the arm's answers (the path is named).</exception>
    /// <exception cref="InvalidDataException">A file repeats a question or holds a task without an oracle (file and question named).</exception>
    public static async Task<IReadOnlyList<GradedAnswerSet>> LoadAsync(IReadOnlyList<string> runFolders, string evaluationFolder, string arm, TaskRegistry tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runFolders);
        var runs = new List<IReadOnlyList<GradedAnswerSet>>(runFolders.Count);
        for (int run = 0; run < runFolders.Count; run++)
        {
            runs.Add(await LoadRunAsync(runFolders[run], run + 1, evaluationFolder, arm, tasks, cancellationToken).ConfigureAwait(false));
        }

        return Pool(runs);
    }

    /// <summary>Reads and grades one run's answers of one arm, in file order.</summary>
    /// <param name="runFolder">A finished run folder of the main job.</param>
    /// <param name="runNumber">The run's position (1-based), for messages.</param>
    /// <param name="evaluationFolder"><see cref="EvaluationFolder"/> or <see cref="TransferFolder"/>.</param>
    /// <param name="arm">The arm's file name without extension.</param>
    /// <param name="tasks">Oracles by task name.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="FileNotFoundException">The run lacks the arm's answers (the path is named).</exception>
    /// <exception cref="InvalidDataException">The file repeats a question or holds a task without an oracle (file and question named).</exception>
    public static async Task<IReadOnlyList<GradedAnswerSet>> LoadRunAsync(string runFolder, int runNumber, string evaluationFolder, string arm, TaskRegistry tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentException.ThrowIfNullOrWhiteSpace(arm);
        if (arm.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new ArgumentException($"The arm '{arm}' must be a file name in {evaluationFolder}, without a folder.", nameof(arm));
        }

        string path = AnswersPath(runFolder, evaluationFolder, arm);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist: run {runNumber} has no answers of arm '{arm}' there (is the run finished? a model-selection grid names its files <arm>.<point>.jsonl).", path);
        }

        var graded = new List<GradedAnswerSet>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var set in AnswerSetJsonLines.ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            // A repeated question would count its answers twice, or shift another run's ids.
            if (!seen.Add(set.Question.Id))
            {
                throw new InvalidDataException($"{path}: question '{set.Question.Id}' appears more than once.");
            }

            if (!tasks.TryGet(set.Question.Task, out var task))
            {
                throw new InvalidDataException($"{path}: question '{set.Question.Id}' belongs to task '{set.Question.Task}', which has no oracle here.");
            }

            graded.Add(task.GradeAll(set));
        }

        return graded;
    }

    /// <summary>Pools runs' graded answer sets of one arm as described on the class.</summary>
    /// <param name="runs">Each run's sets (as <see cref="LoadRunAsync"/> returns them), in a fixed run order.</param>
    public static IReadOnlyList<GradedAnswerSet> Pool(IReadOnlyList<IReadOnlyList<GradedAnswerSet>> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var pooled = new Dictionary<string, (Question Question, List<GradedCandidate> Candidates)>(StringComparer.Ordinal);
        var variants = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int run = 0; run < runs.Count; run++)
        {
            foreach (var set in runs[run])
            {
                // Every pooled question whose original id is this one: the first keeps the id,
                // later different questions with it get the run's prefix.
                if (!variants.TryGetValue(set.Question.Id, out var ids))
                {
                    ids = [];
                    variants[set.Question.Id] = ids;
                }

                string? id = ids.FirstOrDefault(known => SameQuestion(pooled[known].Question, set.Question));
                if (id is null)
                {
                    id = ids.Count == 0 ? set.Question.Id : $"run{run + 1}/{set.Question.Id}";
                    ids.Add(id);
                    pooled[id] = (set.Question with { Id = id }, new List<GradedCandidate>());
                    order.Add(id);
                }

                var entry = pooled[id];
                foreach (var graded in set.Candidates)
                {
                    entry.Candidates.Add(graded with { Candidate = graded.Candidate with { QuestionId = id, Index = entry.Candidates.Count } });
                }
            }
        }

        return order.Select(id => new GradedAnswerSet(pooled[id].Question, pooled[id].Candidates)).ToList();
    }

    /// <summary>
    /// Checks that <paramref name="sets"/> (one run's answers of one arm, read from
    /// <paramref name="path"/>) cover exactly the questions of <paramref name="reference"/>, the same
    /// run's answers of <paramref name="referenceArm"/>, so the pooled arms can be compared pairwise.
    /// </summary>
    /// <param name="path">The file <paramref name="sets"/> came from, for the message.</param>
    /// <param name="sets">The arm's sets.</param>
    /// <param name="referenceArm">The reference arm's name, for the message.</param>
    /// <param name="reference">The reference arm's sets in the same run.</param>
    /// <exception cref="InvalidDataException">A question is missing or extra (file and question named).</exception>
    public static void CheckSameQuestions(string path, IReadOnlyList<GradedAnswerSet> sets, string referenceArm, IReadOnlyList<GradedAnswerSet> reference)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(reference);
        var ids = sets.Select(s => s.Question.Id).ToHashSet(StringComparer.Ordinal);
        var referenceIds = reference.Select(s => s.Question.Id).ToHashSet(StringComparer.Ordinal);
        string? missing = referenceIds.FirstOrDefault(id => !ids.Contains(id));
        string? extra = ids.FirstOrDefault(id => !referenceIds.Contains(id));
        if (missing is not null || extra is not null)
        {
            throw new InvalidDataException(missing is not null
                ? $"{path} lacks question '{missing}', which {referenceArm} answered in the same run; pooled arms must answer the same questions."
                : $"{path} has question '{extra}', which {referenceArm} did not answer in the same run; pooled arms must answer the same questions.");
        }
    }

    /// <summary>Whether any of the runs has the evaluation folder (the real NLGraph one is optional).</summary>
    /// <param name="runFolders">Run folders.</param>
    /// <param name="evaluationFolder">The evaluation folder's name.</param>
    public static bool AnyHas(IReadOnlyList<string> runFolders, string evaluationFolder) =>
        runFolders.Any(folder => Has(folder, evaluationFolder));

    /// <summary>Whether the run has the evaluation folder.</summary>
    /// <param name="runFolder">The run folder.</param>
    /// <param name="evaluationFolder">The evaluation folder's name.</param>
    public static bool Has(string runFolder, string evaluationFolder) =>
        Directory.Exists(Path.Combine(runFolder, RunFolder.Pipeline, evaluationFolder));

    /// <summary>The answers of one arm in one run.</summary>
    /// <param name="runFolder">The run folder.</param>
    /// <param name="evaluationFolder">The evaluation folder's name.</param>
    /// <param name="arm">The arm's file name without extension.</param>
    public static string AnswersPath(string runFolder, string evaluationFolder, string arm) =>
        Path.Combine(runFolder, RunFolder.Pipeline, evaluationFolder, arm + ".jsonl");

    private static bool SameQuestion(Question a, Question b) =>
        string.Equals(a.Task, b.Task, StringComparison.Ordinal)
        && string.Equals(a.Prompt, b.Prompt, StringComparison.Ordinal)
        && string.Equals(a.GoldAnswer, b.GoldAnswer, StringComparison.Ordinal);
}
