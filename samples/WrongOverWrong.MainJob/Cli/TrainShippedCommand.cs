using System.CommandLine;

namespace WrongOverWrong.MainJob.Cli;

/// <summary>The <c>train-shipped</c> command: retrains the shipped model from scratch by <see cref="ShippedModel.ShippedModelCurriculum"/>.</summary>
public static class TrainShippedCommand
{
    /// <summary>Folder the model files are copied to.</summary>
    public static readonly Option<string> Output = new("--output") { Description = "Folder the model files are written to (default models/wow-tiny-sp in the repository; its model card and log are left alone).", DefaultValueFactory = _ => RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative) };

    /// <summary>Folder of the phases.</summary>
    public static readonly Option<string> Work = new("--work") { Description = "Folder of the five phases' models and logs (default runs/train-shipped); a phase finished there is kept, so an interrupted run resumes.", DefaultValueFactory = _ => RepositoryPaths.FromRoot(Path.Combine("runs", "train-shipped")) };

    /// <summary>libtorch threads.</summary>
    public static readonly Option<int> Threads = new("--threads") { Description = "libtorch threads (the shipped run used 1).", DefaultValueFactory = _ => 1 };

    /// <summary>Builds the command; <paramref name="action"/> runs it.</summary>
    /// <param name="action">Runs train-shipped with the parse result.</param>
    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("train-shipped", "Retrains the shipped model (models/wow-tiny-sp) from scratch: five train-model phases, each continuing the last (neighbour look-up on growing graphs, then answers that list the neighbours and the two-edge paths before NLGraph's sentence). About 2 hours on one core.");
        foreach (Option option in new Option[] { Output, Work, Threads })
        {
            command.Options.Add(option);
        }

        command.SetAction(action);
        return command;
    }
}
