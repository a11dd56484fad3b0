using System.Globalization;
using Spectre.Console;
using WrongOverWrong.Harness;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>Prints the run's settings, each task's counts and the Acc_WoW table.</summary>
internal static class ReportRenderer
{
    public const string SelfJudgingCaveat =
        "The judge is the generator itself (WOW_JUDGE_MODEL unset or equal to WOW_MODEL). The paper finds self-judging about 21 points worse than judging with a different, stronger model; set WOW_JUDGE_MODEL to compare.";

    public static void Settings(SampleOptions options)
    {
        AnsiConsole.MarkupLine($"[bold]WrongOverWrong elicitation harness[/] against [blue]{Markup.Escape(options.Endpoint.ToString())}[/]");
        AnsiConsole.MarkupLine($"generator [green]{Markup.Escape(options.Model)}[/], judge [green]{Markup.Escape(options.JudgeModel)}[/]{(options.ApiKeyIsDummy ? " (no WOW_API_KEY: sending a dummy key)" : string.Empty)}");
        AnsiConsole.MarkupLine($"tasks {string.Join(", ", options.Tasks.Select(t => t.CliName))}; {options.Questions} questions x {options.Samples} samples; score judge k={options.ScoreBatch}; concurrency {options.Concurrency}; seed {options.Seed}");
        AnsiConsole.MarkupLine($"data {Markup.Escape(options.DataFolder)}");
        AnsiConsole.MarkupLine($"output [blue]{Markup.Escape(options.OutputFolder)}[/] (run again with --out {Markup.Escape(Quote(options.OutputFolder))} to resume)");
        if (options.SelfJudging)
        {
            AnsiConsole.MarkupLine($"[yellow]Caveat:[/] {Markup.Escape(SelfJudgingCaveat)}");
        }

        AnsiConsole.WriteLine();
    }

    public static void Task(TaskRunResult result)
    {
        var q = result.Questions;
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(result.Task.TaskName)}[/]").LeftJustified());
        Line($"questions: {q.Chosen.Count} of {q.Available} from {q.Path}{(q.Note.Length > 0 ? $" ({q.Note})" : string.Empty)}");
        var s = result.Sampling;
        Line($"sampling: {s.Calls} calls, {s.InputTokens} tokens in, {s.OutputTokens} out; {s.QuestionsResumed} of {s.QuestionsTotal} questions resumed from {ElicitationPipeline.AnswersFile}");

        Line($"candidates: {result.Candidates}, parsable {result.Parsable}, correct {result.Correct}, with log-probabilities {result.WithLogProbabilities}");
        Line($"pairs: {result.Pairing}");
        Line($"pairwise judge: {result.PairwiseAbstentions} pairs dropped because the swapped order disagreed or a reply was unreadable; score judge: {result.ScoreJudgeNullBatches} unreadable batches");
        if (result.WithLogProbabilities == 0)
        {
            AnsiConsole.MarkupLine("[yellow]The endpoint returned no log-probabilities, so the logprob elicitor abstained on every pair.[/]");
        }
        else if (result.WithLogProbabilities < result.Candidates)
        {
            AnsiConsole.MarkupLine($"[yellow]Only {result.WithLogProbabilities} of {result.Candidates} candidates came with log-probabilities; logprob abstains on pairs without them.[/]");
        }

        if (result.Pairing.Kept == 0)
        {
            AnsiConsole.MarkupLine("[yellow]No wrong-over-wrong pairs: every question had fewer than two differently wrong, parsable answers. Try more --questions or --samples.[/]");
        }

        AnsiConsole.Write(Table(result.Reports));
        Line($"files: {result.Folder}");
        AnsiConsole.WriteLine();
    }

    private static Table Table(IReadOnlyList<ElicitationReport> reports)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("elicitor");
        table.AddColumn("margin");
        foreach (var numeric in new[] { "Acc_WoW", "95% CI", "kept", "ties", "abstained", "calls/kept", "tokens/kept" })
        {
            table.AddColumn(new TableColumn(numeric).RightAligned());
        }

        foreach (var r in reports)
        {
            table.AddRow(
                Markup.Escape(r.Elicitor),
                r.Margin,
                Number(r.AccWow, "0.000"),
                double.IsNaN(r.CiLower) ? "-" : $"{Number(r.CiLower, "0.00")}-{Number(r.CiUpper, "0.00")}",
                r.KeptPairs.ToString(CultureInfo.InvariantCulture),
                r.Ties.ToString(CultureInfo.InvariantCulture),
                r.Abstentions.ToString(CultureInfo.InvariantCulture),
                Number(r.CallsPerKeptPair, "0.00"),
                Number(r.InputTokensPerKeptPair + r.OutputTokensPerKeptPair, "0"));
        }

        table.Caption("Acc_WoW: share of kept wrong-over-wrong pairs ordered as the oracle orders them (ties count as misses); tokens = in + out");
        return table;
    }

    private static void Line(string text) => AnsiConsole.MarkupLine(Markup.Escape(text));

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
