using System.CommandLine;

namespace WrongOverWrong.MainJob.Cli;

/// <summary>
/// The <c>probe-model</c> command: measures a local generator's accuracy on fresh synthetic
/// shortest-path questions at temperature 1, the number the shipped model's 30-70% band is about.
/// </summary>
public static class ProbeModelCommand
{
    /// <summary>The model folder (Hugging Face layout, with its tokenizer and chat template).</summary>
    public static readonly Option<string> Model = new("--model") { Description = "The model folder to probe (default models/wow-tiny-sp in the repository).", DefaultValueFactory = _ => RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative) };

    /// <summary>Fresh questions.</summary>
    public static readonly Option<int> Questions = new("--questions") { Description = "Fresh questions (NLGraph's easy sizes unless --hard).", DefaultValueFactory = _ => 200 };

    /// <summary>Answers per question.</summary>
    public static readonly Option<int> Samples = new("--samples") { Description = "Answers sampled per question at temperature 1.", DefaultValueFactory = _ => 10 };

    /// <summary>Seed of questions and sampling.</summary>
    public static readonly Option<int> Seed = new("--seed") { Description = "Seed of the questions and the sampling; the questions come from seeds the training, its probes and the main job never use.", DefaultValueFactory = _ => 42 };

    /// <summary>Whether to draw NLGraph's hard sizes.</summary>
    public static readonly Option<bool> Hard = new("--hard") { Description = "Draw NLGraph's hard sizes (11-20 nodes, weights 1-10) instead of the easy ones." };

    /// <summary>libtorch threads.</summary>
    public static readonly Option<int> Threads = new("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };

    /// <summary>Builds the command; <paramref name="action"/> runs it.</summary>
    /// <param name="action">Runs probe-model with the parse result.</param>
    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("probe-model", "Samples answers of a local model to fresh synthetic shortest-path questions at temperature 1 and prints Acc (95% bootstrap CI over questions), the parsable share, distinct wrong totals per question and p_wrong.");
        foreach (Option option in new Option[] { Model, Questions, Samples, Seed, Hard, Threads })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(Questions) < 1 || result.GetValue(Samples) < 1)
            {
                result.AddError("--questions and --samples must be at least 1.");
            }
        });
        command.SetAction(action);
        return command;
    }
}
