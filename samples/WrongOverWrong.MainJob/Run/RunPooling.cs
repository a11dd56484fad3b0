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
    public static async Task<IReadOnlyList<GradedAnswerSet>> LoadAsync(IReadOnlyList<string> runFolders, string evaluationFolder, string arm, TaskRegistry tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runFolders);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentException.ThrowIfNullOrWhiteSpace(arm);
        if (arm.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new ArgumentException($"The arm '{arm}' must be a file name in {evaluationFolder}, without a folder.", nameof(arm));
        }

        var pooled = new Dictionary<string, (Question Question, List<Candidate> Candidates)>(StringComparer.Ordinal);
        var variants = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int run = 0; run < runFolders.Count; run++)
        {
            string path = AnswersPath(runFolders[run], evaluationFolder, arm);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} does not exist: run {run + 1} has no answers of arm '{arm}' there (is the run finished? a model-selection grid names its files <arm>.<point>.jsonl).", path);
            }

            await foreach (var set in AnswerSetJsonLines.ReadAsync(path, cancellationToken).ConfigureAwait(false))
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
                    if (pooled.ContainsKey(id))
                    {
                        throw new InvalidDataException($"{path}: question '{set.Question.Id}' appears twice in run {run + 1} with different texts.");
                    }

                    ids.Add(id);
                    pooled[id] = (set.Question with { Id = id }, new List<Candidate>());
                    order.Add(id);
                }

                var entry = pooled[id];
                foreach (var candidate in set.Candidates)
                {
                    entry.Candidates.Add(candidate with { QuestionId = id, Index = entry.Candidates.Count });
                }
            }
        }

        return order.Select(id => tasks.Get(pooled[id].Question.Task).GradeAll(new AnswerSet(pooled[id].Question, pooled[id].Candidates))).ToList();
    }

    /// <summary>Whether any of the runs has the evaluation folder (the real NLGraph one is optional).</summary>
    /// <param name="runFolders">Run folders.</param>
    /// <param name="evaluationFolder">The evaluation folder's name.</param>
    public static bool AnyHas(IReadOnlyList<string> runFolders, string evaluationFolder) =>
        runFolders.Any(folder => Directory.Exists(Path.Combine(folder, RunFolder.Pipeline, evaluationFolder)));

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
