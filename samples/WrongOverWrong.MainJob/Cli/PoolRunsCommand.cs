using System.CommandLine;

namespace WrongOverWrong.MainJob.Cli;

/// <summary>
/// The <c>pool-runs</c> command: compares one aligned arm with base and with its control over the
/// evaluation answers of several finished runs (seeds), for effects too small for one run.
/// </summary>
public static class PoolRunsCommand
{
    /// <summary>The finished run folders.</summary>
    public static readonly Argument<string[]> Runs = new("runs") { Description = "Finished run folders of the main job (e.g. one per --seed), all with the same arms.", Arity = ArgumentArity.OneOrMore };

    /// <summary>The aligned arm.</summary>
    public static readonly Option<string> Arm = new("--arm") { Description = "The aligned arm to compare, as its answers file is named in pipeline/eval-answers.", DefaultValueFactory = _ => "oracle-wow.dpo" };

    /// <summary>The arm's control.</summary>
    public static readonly Option<string?> Control = new("--control") { Description = "The control the arm is also compared with (default: the arm's random-preference control, <arm>.random); \"none\" skips it." };

    /// <summary>Builds the command; <paramref name="action"/> runs it.</summary>
    /// <param name="action">Runs pool-runs with the parse result.</param>
    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command(
            "pool-runs",
            "Pools the evaluation answers of several finished runs (for example one per --seed) and prints p_wrong, Acc, ECE and mean confidence of base, the arm and its control, with the arm's paired differences to both (95% bootstrap CIs over the pooled questions). " +
            "The same question in several runs (the real NLGraph ones, or synthetic ones of the same seed) joins its answers; other questions count separately. " +
            "The bootstrap resamples questions, not runs.");
        command.Arguments.Add(Runs);
        command.Options.Add(Arm);
        command.Options.Add(Control);
        command.SetAction(action);
        return command;
    }

    /// <summary>The control arm to compare with, or <see langword="null"/> for none.</summary>
    /// <param name="result">The parse result.</param>
    public static string? ControlArm(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string arm = result.GetValue(Arm)!;
        string? control = result.GetValue(Control);
        return control is null ? arm + ".random" : string.Equals(control, "none", StringComparison.OrdinalIgnoreCase) ? null : control;
    }
}
