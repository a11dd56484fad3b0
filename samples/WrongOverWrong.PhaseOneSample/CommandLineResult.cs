namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>Either the options to run with, or a message to print and an exit code.</summary>
internal sealed record CommandLineResult(SampleOptions? Options, string Message, int ExitCode)
{
    public static CommandLineResult Run(SampleOptions options) => new(options, string.Empty, 0);

    public static CommandLineResult Stop(string message, int exitCode) => new(null, message, exitCode);
}
