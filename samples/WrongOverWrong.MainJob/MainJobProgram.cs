using System.CommandLine;
using Spectre.Console;
using WrongOverWrong.MainJob.Cli;
using WrongOverWrong.MainJob.JudgeModel;
using WrongOverWrong.MainJob.Run;
using WrongOverWrong.MainJob.ShippedModel;

namespace WrongOverWrong.MainJob;

/// <summary>The program's entry point, callable in-process (tests run the job through it).</summary>
public static class MainJobProgram
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Cancels the run (Ctrl+C does too when running as the program).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var command = new MainJobCommand().Build(
            (options, token) => MainJobRunner.RunAsync(options, CreateConsole(output), token),
            async (result, token) =>
            {
                await ShippedModelTrainer.RunAsync(TrainModelCommand.Recipe(result), result.GetValue(TrainModelCommand.Output)!, output, result.GetValue(TrainModelCommand.Snapshots), token).ConfigureAwait(false);
                return 0;
            },
            async (result, token) =>
            {
                await JudgeModelTrainer.RunAsync(TrainJudgeCommand.Recipe(result), result.GetValue(TrainJudgeCommand.Output)!, output, token).ConfigureAwait(false);
                return 0;
            });
        command.Subcommands.Add(TrainShippedCommand.Create(async (result, token) =>
        {
            await ShippedModelCurriculum.RunAsync(result.GetValue(TrainShippedCommand.Output)!, result.GetValue(TrainShippedCommand.Work)!, output, result.GetValue(TrainShippedCommand.Threads), phases: null, token).ConfigureAwait(false);
            return 0;
        }));
        command.Subcommands.Add(ProbeModelCommand.Create(async (result, token) =>
        {
            await ProbeModelRunner.RunAsync(
                result.GetValue(ProbeModelCommand.Model)!,
                result.GetValue(ProbeModelCommand.Questions),
                result.GetValue(ProbeModelCommand.Samples),
                result.GetValue(ProbeModelCommand.Seed),
                result.GetValue(ProbeModelCommand.Hard),
                result.GetValue(ProbeModelCommand.Threads),
                output,
                token).ConfigureAwait(false);
            return 0;
        }));
        command.Subcommands.Add(PoolRunsCommand.Create((result, token) =>
            PoolRunsRunner.RunAsync(result.GetValue(PoolRunsCommand.Runs)!, result.GetValue(PoolRunsCommand.Arm)!, PoolRunsCommand.ControlArm(result), output, error, token)));
        // Ctrl+C cancels the token; the run then stops after the current model call or optimizer
        // step and says where its work is kept. The default 2 s before the process is killed is too
        // short for that on a busy CPU.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
        return await command.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Spectre.Console on the real terminal when it is interactive; otherwise plain text (no colours,
    /// no cursor moves, 160 columns) on <paramref name="output"/>.
    /// </summary>
    public static IAnsiConsole CreateConsole(TextWriter output)
    {
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = 160;
        }

        return console;
    }
}
