using System.Globalization;
using System.Text.RegularExpressions;
using WrongOverWrong.IO;
using WrongOverWrong.MainJob.Run;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;
using Xunit;

namespace WrongOverWrong.MainJob.Tests;

public sealed partial class RunPoolingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wow-pool-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_same_question_in_two_runs_joins_its_answers_and_another_question_with_its_id_counts_apart()
    {
        var seedA = Questions(seed: 1);
        var seedB = Questions(seed: 2);
        Assert.NotEqual(seedA[0].Prompt, seedB[0].Prompt);
        // Run 1 and run 3 share their questions (one seed); run 2's have the same ids but other texts.
        string run1 = WriteRun("r1", RunPooling.EvaluationFolder, ("base", seedA, [1, 0]));
        string run2 = WriteRun("r2", RunPooling.EvaluationFolder, ("base", seedB, [0, 0]));
        string run3 = WriteRun("r3", RunPooling.EvaluationFolder, ("base", seedA, [1, 1]));

        var pooled = await RunPooling.LoadAsync([run1, run2, run3], RunPooling.EvaluationFolder, "base", TaskRegistry.CreateDefault());

        Assert.Equal(["q0", "q1", "run2/q0", "run2/q1"], pooled.Select(s => s.Question.Id));
        Assert.Equal(2 * AnswersPerQuestion, pooled[0].Candidates.Count);
        Assert.Equal(AnswersPerQuestion, pooled[2].Candidates.Count);
        Assert.Equal(seedA[0].Prompt, pooled[0].Question.Prompt);
        Assert.Equal(seedB[0].Prompt, pooled[2].Question.Prompt);
        Assert.All(pooled, s => Assert.Equal(Enumerable.Range(0, s.Candidates.Count), s.Candidates.Select(c => c.Candidate.Index)));
        Assert.All(pooled, s => Assert.All(s.Candidates, c => Assert.Equal(s.Question.Id, c.Candidate.QuestionId)));
        // Graded by the oracle: half of run 1's and half of run 3's answers to q0 state the right total.
        Assert.Equal(AnswersPerQuestion, pooled[0].Candidates.Count(c => c.Grade.IsCorrect));
        Assert.Equal(0, pooled[2].Candidates.Count(c => c.Grade.IsCorrect));
    }

    [Fact]
    public async Task Pooled_accuracy_is_the_share_of_right_answers_over_every_run()
    {
        var questions = Questions(seed: 3);
        string run1 = WriteRun("a", RunPooling.TransferFolder, ("base", questions, [1, 0]));
        string run2 = WriteRun("b", RunPooling.TransferFolder, ("base", questions, [1, 1]));

        var pooled = await RunPooling.LoadAsync([run1, run2], RunPooling.TransferFolder, "base", TaskRegistry.CreateDefault());
        var evaluation = AnswerSetEvaluator.Evaluate(pooled);

        // Three of the four (run, question) answer sets have half their answers right.
        Assert.Equal(3.0 * (AnswersPerQuestion / 2) / (4.0 * AnswersPerQuestion), evaluation.Accuracy.Value, 12);
    }

    [Fact]
    public async Task A_run_without_the_arm_names_the_missing_file()
    {
        string run1 = WriteRun("x", RunPooling.EvaluationFolder, ("base", Questions(seed: 4), [1, 0]));

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => RunPooling.LoadAsync([run1], RunPooling.EvaluationFolder, "oracle-wow.dpo", TaskRegistry.CreateDefault()));

        Assert.Contains(Path.Combine(run1, "pipeline", "eval-answers", "oracle-wow.dpo.jsonl"), error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => RunPooling.LoadAsync([run1], RunPooling.EvaluationFolder, "../base", TaskRegistry.CreateDefault()));
    }

    [Fact]
    public async Task Pool_runs_prints_base_the_arm_and_its_control_with_paired_differences_for_each_evaluation_set()
    {
        var questions = Questions(seed: 5);
        // Pooled, base is right on a quarter of the answers, the arm on half, the control on none.
        string run1 = WriteRun("s1", RunPooling.EvaluationFolder, ("base", questions, [1, 0]), ("oracle-wow.dpo", questions, [1, 1]), ("oracle-wow.dpo.random", questions, [0, 0]));
        string run2 = WriteRun("s2", RunPooling.EvaluationFolder, ("base", questions, [0, 1]), ("oracle-wow.dpo", questions, [1, 1]), ("oracle-wow.dpo.random", questions, [0, 0]));
        var output = new StringWriter();

        int code = await MainJobProgram.RunAsync(["pool-runs", run1, run2], output, new StringWriter());

        Assert.Equal(0, code);
        string text = output.ToString();
        Assert.Contains("synthetic held-out questions (eval-answers), 2 run(s) pooled: 2 questions, " + (4 * AnswersPerQuestion).ToString(CultureInfo.InvariantCulture) + " answers of base", text, StringComparison.Ordinal);
        Assert.DoesNotContain("real NLGraph questions", text, StringComparison.Ordinal);
        Assert.Matches(@"oracle-wow\.dpo - base: Δ p_wrong \S+ \[[^\]]+\], Δ Acc \+0\.250 \[", text);
        Assert.Matches(@"oracle-wow\.dpo - oracle-wow\.dpo\.random: Δ p_wrong \S+ \[[^\]]+\], Δ Acc \+0\.500 \[", text);
        Assert.Matches(@"\n  oracle-wow\.dpo\.random +[0-9.]+ \[[^\]]+\] +0\.000 ", text);

        // Each run's own difference: the arm gains 0.25 Acc on base in both runs, so the t interval is a point.
        Assert.Contains("across the 2 runs (mean of each run's difference, 95% t interval over runs", text, StringComparison.Ordinal);
        Assert.Matches(@"    oracle-wow\.dpo - base: Δ p_wrong [^\n]*, Δ Acc \+0\.250 \[\+0\.250, \+0\.250\] \(\+0\.250, \+0\.250\)", text);

        var withoutControl = new StringWriter();
        Assert.Equal(0, await MainJobProgram.RunAsync(["pool-runs", run1, run2, "--control", "none"], withoutControl, new StringWriter()));
        Assert.DoesNotContain("random", withoutControl.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pool_runs_pools_the_real_questions_of_every_run_and_keeps_other_seeds_synthetic_questions_apart()
    {
        var real = Questions(seed: 9);
        string run1 = WriteRun("p1", RunPooling.EvaluationFolder, ("base", Questions(seed: 7), [1, 0]), ("oracle-wow.dpo", Questions(seed: 7), [1, 1]));
        string run2 = WriteRun("p2", RunPooling.EvaluationFolder, ("base", Questions(seed: 8), [1, 0]), ("oracle-wow.dpo", Questions(seed: 8), [1, 1]));
        WriteRun("p1", RunPooling.TransferFolder, ("base", real, [0, 0]), ("oracle-wow.dpo", real, [1, 0]));
        WriteRun("p2", RunPooling.TransferFolder, ("base", real, [0, 0]), ("oracle-wow.dpo", real, [0, 1]));
        var output = new StringWriter();

        int code = await MainJobProgram.RunAsync(["pool-runs", run1, run2, "--control", "none"], output, new StringWriter());

        Assert.Equal(0, code);
        string text = output.ToString();
        Assert.Contains("synthetic held-out questions (eval-answers), 2 run(s) pooled: 4 questions, " + (4 * AnswersPerQuestion).ToString(CultureInfo.InvariantCulture) + " answers of base", text, StringComparison.Ordinal);
        Assert.Contains("real NLGraph questions (transfer-answers), 2 run(s) pooled: 2 questions, " + (4 * AnswersPerQuestion).ToString(CultureInfo.InvariantCulture) + " answers of base", text, StringComparison.Ordinal);
        // Real questions: base never right, the arm right on a quarter of the pooled answers.
        Assert.Matches(@"\n  oracle-wow\.dpo - base: Δ p_wrong \S+ \[[^\]]+\], Δ Acc \+0\.250 \[[^\n]*\n  across the 2 runs[^\n]*\n    oracle-wow\.dpo - base: [^\n]*\nPooled:", text);
    }

    [Fact]
    public async Task Pool_runs_refuses_arms_that_answered_different_questions_and_runs_without_a_set_before_printing()
    {
        var questions = Questions(seed: 11);
        string run1 = WriteRun("m1", RunPooling.EvaluationFolder, ("base", questions, [1, 0]), ("oracle-wow.dpo", questions.Take(1).ToList(), [1]));
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await MainJobProgram.RunAsync(["pool-runs", run1, "--control", "none"], output, error);

        Assert.Equal(MainJobRunner.SetupExitCode, code);
        Assert.Contains(Path.Combine(run1, "pipeline", "eval-answers", "oracle-wow.dpo.jsonl") + " lacks question 'q1'", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());

        string run2 = WriteRun("m2", RunPooling.EvaluationFolder, ("base", questions, [1, 0]), ("oracle-wow.dpo", questions, [1, 1]));
        string run3 = WriteRun("m3", RunPooling.EvaluationFolder, ("base", questions, [1, 0]), ("oracle-wow.dpo", questions, [1, 1]));
        WriteRun("m3", RunPooling.TransferFolder, ("base", questions, [1, 0]), ("oracle-wow.dpo", questions, [1, 1]));
        output = new StringWriter();
        error = new StringWriter();

        code = await MainJobProgram.RunAsync(["pool-runs", run2, run3, "--control", "none"], output, error);

        Assert.Equal(MainJobRunner.SetupExitCode, code);
        Assert.Contains($"Run folder {run2} has no pipeline/transfer-answers while other runs have", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task A_question_repeated_in_one_file_is_refused_with_the_file_named()
    {
        var questions = Questions(seed: 12);
        string run1 = WriteRun("d", RunPooling.EvaluationFolder, ("base", [questions[0], questions[0]], [1, 0]));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => RunPooling.LoadAsync([run1], RunPooling.EvaluationFolder, "base", TaskRegistry.CreateDefault()));

        Assert.Equal(Path.Combine(run1, "pipeline", "eval-answers", "base.jsonl") + ": question 'q0' appears more than once.", error.Message);
    }

    [Fact]
    public async Task Pool_runs_fails_clearly_on_a_missing_run_folder()
    {
        var error = new StringWriter();

        int code = await MainJobProgram.RunAsync(["pool-runs", Path.Combine(_root, "nowhere")], new StringWriter(), error);

        Assert.Equal(MainJobRunner.SetupExitCode, code);
        Assert.StartsWith("Error: Run folder " + Path.Combine(_root, "nowhere") + " does not exist.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_t_interval_over_runs_is_the_mean_plus_and_minus_t_times_the_standard_error()
    {
        // Values 1, 2, 3: mean 2, standard deviation 1, t(0.975, 2 df) = 4.302653.
        var (mean, lower, upper) = PoolRunsRunner.TInterval([1.0, 2.0, 3.0]);

        Assert.Equal(2.0, mean, 12);
        Assert.Equal(2.0 - (4.302653 / Math.Sqrt(3)), lower, 5);
        Assert.Equal(2.0 + (4.302653 / Math.Sqrt(3)), upper, 5);
        Assert.Throws<ArgumentException>(() => PoolRunsRunner.TInterval([1.0]));
    }

    private const int AnswersPerQuestion = 4;

    private static List<Question> Questions(int seed) =>
        new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(seed)).Generate(2).Select((q, i) => q with { Id = "q" + i.ToString(CultureInfo.InvariantCulture) }).ToList();

    // One run folder whose arms answer each question AnswersPerQuestion times; rightHalves[i] says
    // whether the first half of question i's answers state the right total (the rest state it + 1).
    private string WriteRun(string name, string folder, params (string Arm, List<Question> Questions, int[] RightHalves)[] arms)
    {
        string run = Path.Combine(_root, name);
        string answers = Path.Combine(run, "pipeline", folder);
        Directory.CreateDirectory(answers);
        foreach (var (arm, questions, rightHalves) in arms)
        {
            using var writer = AnswerSetJsonLines.OpenWriter(Path.Combine(answers, arm + ".jsonl"));
            for (int q = 0; q < questions.Count; q++)
            {
                var question = questions[q];
                int gold = int.Parse(GoldTotal().Match(question.GoldAnswer!).Groups[1].Value, CultureInfo.InvariantCulture);
                var candidates = Enumerable.Range(0, AnswersPerQuestion).Select(i =>
                {
                    int total = i < AnswersPerQuestion / 2 && rightHalves[q] == 1 ? gold : gold + 1;
                    return new Candidate
                    {
                        QuestionId = question.Id,
                        Index = i,
                        Generator = arm,
                        Response = $"The total weight is {total}.",
                        FinalAnswer = total.ToString(CultureInfo.InvariantCulture),
                        MeanLogProbability = -0.1 * (i + 1),
                    };
                }).ToList();
                writer.WriteAsync(new AnswerSet(question, candidates)).GetAwaiter().GetResult();
            }
        }

        return run;
    }

    [GeneratedRegex(@"total weight of (\d+)")]
    private static partial Regex GoldTotal();
}
