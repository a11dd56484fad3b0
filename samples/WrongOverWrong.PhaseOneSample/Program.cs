using Spectre.Console;
using WrongOverWrong.Chat;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Samples.PhaseOne;

var parsed = CommandLine.Parse(args, Environment.GetEnvironmentVariable, DateTime.Now);
if (parsed.Options is not { } options)
{
    (parsed.ExitCode == 0 ? Console.Out : Console.Error).WriteLine(parsed.Message);
    return parsed.ExitCode;
}

// Ctrl+C cancels the run; every finished answer set is already on disk, so a rerun resumes.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// Redirected output has no terminal to fit: do not wrap the table at Spectre's default 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}

ReportRenderer.Settings(options);
try
{
    await RunManifest.WriteAsync(options, cancellation.Token);
    var generatorUsage = new ChatUsageMeter();
    var judgeUsage = new ChatUsageMeter();
    using var generator = ChatClients.CreateGenerator(options, generatorUsage);
    using var judge = ChatClients.CreateJudge(options, judgeUsage);
    var pipeline = new ElicitationPipeline(options, generator, generatorUsage, judge, judgeUsage);
    foreach (var task in options.Tasks)
    {
        ReportRenderer.Task(await pipeline.RunAsync(task, cancellation.Token));
    }
}
catch (PipelineEndpointException e)
{
    // One line, not a stack trace: what failed, where, what to check. Finished work is kept, so a
    // rerun resumes. The pipeline cannot see an elicitor's endpoint; name the one we were given.
    var where = e.Message.Contains(options.Endpoint.ToString().TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
        ? string.Empty
        : $" (WOW_ENDPOINT is {options.Endpoint})";
    Console.Error.WriteLine(e.Message + where);
    return 3;
}
catch (RunSettingsMismatchException e)
{
    // The --out folder was started with other options; say which, without a stack trace.
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    AnsiConsole.MarkupLine($"[yellow]Cancelled.[/] Finished answer sets are kept; resume with --out {Markup.Escape(options.OutputFolder)}");
    return 130;
}

if (options.SelfJudging)
{
    AnsiConsole.MarkupLine($"[yellow]Caveat:[/] {Markup.Escape(ReportRenderer.SelfJudgingCaveat)}");
}

AnsiConsole.MarkupLine($"Reports, answers, pairing and verdicts are in [blue]{Markup.Escape(options.OutputFolder)}[/].");
return 0;
