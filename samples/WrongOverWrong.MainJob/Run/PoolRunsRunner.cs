using System.Globalization;
using MathNet.Numerics.Distributions;
using WrongOverWrong.IO;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Pipeline.Reports;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.MainJob.Run;

/// <summary>Runs <c>pool-runs</c>: pools the runs' answers per evaluation set and prints the comparison.</summary>
public static class PoolRunsRunner
{
    /// <summary>
    /// Pools and prints; returns 0, or <see cref="MainJobRunner.SetupExitCode"/> after writing a
    /// one-line error (the folder, file or line named) when a run folder or answers file is missing
    /// or malformed.
    /// </summary>
    /// <param name="runFolders">Finished run folders.</param>
    /// <param name="arm">The aligned arm.</param>
    /// <param name="control">Its control, or <see langword="null"/> for none.</param>
    /// <param name="output">Where the tables go.</param>
    /// <param name="error">Where an error goes.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> runFolders, string arm, string? control, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runFolders);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await PoolAsync(runFolders, arm, control, output, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonLinesFormatException or ArgumentException)
        {
            await error.WriteLineAsync("Error: " + e.Message).ConfigureAwait(false);
            return MainJobRunner.SetupExitCode;
        }
    }

    private static async Task PoolAsync(IReadOnlyList<string> runFolders, string arm, string? control, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (string folder in runFolders.Where(f => !Directory.Exists(f)))
        {
            throw new DirectoryNotFoundException($"Run folder {folder} does not exist.");
        }

        var tasks = TaskRegistry.CreateDefault();
        var sets = new[] { (RunPooling.EvaluationFolder, "synthetic held-out questions"), (RunPooling.TransferFolder, "real NLGraph questions") }
            .Where(set => RunPooling.AnyHas(runFolders, set.Item1)).ToList();
        if (sets.Count == 0)
        {
            throw new InvalidDataException($"None of the run folders has pipeline/{RunPooling.EvaluationFolder} or pipeline/{RunPooling.TransferFolder}: are they run folders of the main job?");
        }

        // Every run's answers are read and graded once, and checked before anything prints: a run
        // without one of the sets, or arms that answered different questions, would otherwise fail
        // halfway through the tables.
        var arms = control is null ? new[] { Reporting.ArmKinds.Base, arm } : new[] { Reporting.ArmKinds.Base, arm, control };
        var loaded = new List<Dictionary<string, List<IReadOnlyList<GradedAnswerSet>>>>();
        foreach (var (folder, _) in sets)
        {
            string? without = runFolders.FirstOrDefault(run => !RunPooling.Has(run, folder));
            if (without is not null)
            {
                throw new InvalidDataException($"Run folder {without} has no pipeline/{folder} while other runs have; pool runs evaluated on the same sets.");
            }

            var byArm = arms.ToDictionary(a => a, _ => new List<IReadOnlyList<GradedAnswerSet>>(), StringComparer.Ordinal);
            for (int run = 0; run < runFolders.Count; run++)
            {
                var baseSets = await RunPooling.LoadRunAsync(runFolders[run], run + 1, folder, Reporting.ArmKinds.Base, tasks, cancellationToken).ConfigureAwait(false);
                byArm[Reporting.ArmKinds.Base].Add(baseSets);
                foreach (string a in arms.Skip(1))
                {
                    var runSets = await RunPooling.LoadRunAsync(runFolders[run], run + 1, folder, a, tasks, cancellationToken).ConfigureAwait(false);
                    RunPooling.CheckSameQuestions(RunPooling.AnswersPath(runFolders[run], folder, a), runSets, Reporting.ArmKinds.Base, baseSets);
                    byArm[a].Add(runSets);
                }
            }

            loaded.Add(byArm);
        }

        for (int s = 0; s < sets.Count; s++)
        {
            var (folder, title) = sets[s];
            var byArm = loaded[s];
            var baseline = RunPooling.Pool(byArm[Reporting.ArmKinds.Base]);
            var aligned = RunPooling.Pool(byArm[arm]);
            var controlSets = control is null ? null : RunPooling.Pool(byArm[control]);
            int answers = baseline.Sum(set => set.Candidates.Count);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{title} ({folder}), {runFolders.Count} run(s) pooled: {baseline.Count} questions, {answers} answers of base")).ConfigureAwait(false);
            var rows = new List<(string Name, AnswerEvaluation Evaluation)> { (Reporting.ArmKinds.Base, AnswerSetEvaluator.Evaluate(baseline)), (arm, AnswerSetEvaluator.Evaluate(aligned)) };
            if (controlSets is not null)
            {
                rows.Add((control!, AnswerSetEvaluator.Evaluate(controlSets)));
            }

            int width = rows.Max(r => r.Name.Length) + 2;
            await output.WriteLineAsync($"  {"arm".PadRight(width)}{"p_wrong",-22}{"Acc",-22}{"ECE",-22}mean conf").ConfigureAwait(false);
            foreach (var (name, e) in rows)
            {
                await output.WriteLineAsync($"  {name.PadRight(width)}{Format(e.PWrong),-22}{Format(e.Accuracy),-22}{Format(e.Ece),-22}{Format(e.MeanConfidence)}").ConfigureAwait(false);
            }

            await WriteDeltaAsync(output, $"{arm} - base", AnswerSetEvaluator.Compare(baseline, aligned)).ConfigureAwait(false);
            if (controlSets is not null)
            {
                await WriteDeltaAsync(output, $"{arm} - {control}", AnswerSetEvaluator.Compare(controlSets, aligned)).ConfigureAwait(false);
            }

            if (runFolders.Count > 1)
            {
                await WriteAcrossRunsAsync(output, runFolders.Count, byArm, arm, control).ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync("Pooled: paired differences with 95% bootstrap CIs over the pooled questions, which do not resample the runs. Across runs: the mean of each run's own difference with a 95% Student t interval over the runs, which does.").ConfigureAwait(false);
    }

    // Only each run's point difference enters the t interval; its bootstrap CIs (six metrics, 1,000
    // resamples each, per run and comparison) were computed and thrown away.
    private static readonly EvaluationOptions PointValuesOnly = new() { BootstrapResamples = 0 };

    // Each run's own paired difference, then their mean with a t interval: the seed-to-seed spread
    // the pooled bootstrap leaves out.
    private static async Task WriteAcrossRunsAsync(TextWriter output, int runCount, Dictionary<string, List<IReadOnlyList<GradedAnswerSet>>> byArm, string arm, string? control)
    {
        var toBase = Enumerable.Range(0, runCount).Select(run => AnswerSetEvaluator.Compare(byArm[Reporting.ArmKinds.Base][run], byArm[arm][run], PointValuesOnly)).ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  across the {runCount} runs (mean of each run's difference, 95% t interval over runs; the runs' own values in brackets):")).ConfigureAwait(false);
        await WriteAcrossAsync(output, $"{arm} - base", toBase).ConfigureAwait(false);
        if (control is not null)
        {
            var toControl = Enumerable.Range(0, runCount).Select(run => AnswerSetEvaluator.Compare(byArm[control][run], byArm[arm][run], PointValuesOnly)).ToList();
            await WriteAcrossAsync(output, $"{arm} - {control}", toControl).ConfigureAwait(false);
        }
    }

    private static Task WriteAcrossAsync(TextWriter output, string label, List<DeltaToBase> deltas) =>
        output.WriteLineAsync($"    {label}: Δ p_wrong {Across(deltas.Select(d => d.PWrong.Value).ToList())}, Δ Acc {Across(deltas.Select(d => d.Accuracy.Value).ToList())}, Δ ECE {Across(deltas.Select(d => d.Ece.Value).ToList())}");

    private static string Across(IReadOnlyList<double> values)
    {
        var (mean, lower, upper) = TInterval(values);
        string each = string.Join(", ", values.Select(v => v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture)));
        return string.Create(CultureInfo.InvariantCulture, $"{mean:+0.000;-0.000;0.000} [{lower:+0.000;-0.000;0.000}, {upper:+0.000;-0.000;0.000}] ({each})");
    }

    /// <summary>The mean of <paramref name="values"/> with its two-sided 95% Student t interval (at least two values).</summary>
    /// <param name="values">One value per run.</param>
    public static (double Mean, double Lower, double Upper) TInterval(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            throw new ArgumentException("A t interval needs at least two values.", nameof(values));
        }

        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        double half = StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * sd / Math.Sqrt(values.Count);
        return (mean, mean - half, mean + half);
    }

    private static Task WriteDeltaAsync(TextWriter output, string label, DeltaToBase delta) =>
        output.WriteLineAsync($"  {label}: Δ p_wrong {Signed(delta.PWrong)}, Δ Acc {Signed(delta.Accuracy)}, Δ ECE {Signed(delta.Ece)}");

    private static string Format(Estimate e) =>
        double.IsNaN(e.Value) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{e.Value:0.000} [{e.Lower:0.000}, {e.Upper:0.000}]");

    private static string Signed(Estimate e) =>
        double.IsNaN(e.Value) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{e.Value:+0.000;-0.000;0.000} [{e.Lower:+0.000;-0.000;0.000}, {e.Upper:+0.000;-0.000;0.000}]");
}
