using System.CommandLine;
using System.Globalization;

namespace WrongOverWrong.MainJob.Cli;

/// <summary>
/// The command line (System.CommandLine): the default command runs the whole offline experiment;
/// <c>train-shipped</c> retrains the shipped model (five <c>train-model</c> phases), <c>train-model</c> trains one recipe, <c>probe-model</c> measures a model, and <c>train-judge</c> retrains the shipped judge. <c>--help</c> explains every option.
/// </summary>
public sealed class MainJobCommand
{
    private readonly Func<string, string?> _environment;

    private readonly Option<int> _train = new("--train") { Description = "Synthetic training questions: answers are sampled, paired and elicited on these, and the preferences come from them.", DefaultValueFactory = _ => Defaults.TrainQuestions };
    private readonly Option<int> _heldOut = new("--held-out") { Description = "Synthetic held-out questions every arm (base, aligned, controls) is evaluated on.", DefaultValueFactory = _ => Defaults.HeldOutQuestions };
    private readonly Option<int> _samples = new("--samples") { Description = "Answers sampled per question, temperature 1 (the paper's N = 10).", DefaultValueFactory = _ => Defaults.Samples };
    private readonly Option<string[]> _elicitors = new("--elicitors") { Description = "Offline elicitors to score, comma-separated: consistency, logprob, length. With an endpoint as judge, pairwise-judge and score-judge are added.", DefaultValueFactory = _ => [.. Defaults.Elicitors], AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _preferences = new("--preferences") { Description = "Preference sources, one aligned arm each: oracle (the oracle's order of wrong answers), row (right over wrong), mix (half each), best (the offline elicitor with the highest Acc_WoW at --margin), or an elicitor name.", DefaultValueFactory = _ => [.. Defaults.PreferenceSources], AllowMultipleArgumentsPerToken = true };
    private readonly Option<string> _margin = new("--margin") { Description = "Margin the elicited preferences are kept at: M100, M50 or M10 (the share of pairs with the largest score gap).", DefaultValueFactory = _ => Defaults.Margin };
    private readonly Option<string> _optimizer = new("--optimizer") { Description = "Preference optimizer over LoRA adapters: dpo, ipo, simpo, orpo or kto.", DefaultValueFactory = _ => Defaults.Optimizer };
    private readonly Option<string[]> _epochs = new("--epochs") { Description = "Passes over the preferences per arm. Several values, comma-separated, form the paper's model-selection grid with --lr: every arm trains at each point, the held-out questions split 50/50 into validation and test, and the point with the best validation mean cor is reported on test.", DefaultValueFactory = _ => [.. Defaults.EpochCounts.Select(e => e.ToString(CultureInfo.InvariantCulture))], AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _learningRate = new("--lr") { Description = "Learning rate of the preference optimizer. At the paper's 5e-5 this tiny model's LoRA barely moves, and plain DPO at 5e-4 made its answers unparsable in a measured probe, so the default 5e-4 comes with the NLL term (--rpo-alpha 1) and the collapse guard. Several values, comma-separated, form the model-selection grid (see --epochs).", DefaultValueFactory = _ => [.. Defaults.LearningRates.Select(r => r.ToString("R", CultureInfo.InvariantCulture))], AllowMultipleArgumentsPerToken = true };
    private readonly Option<double> _rpoAlpha = new("--rpo-alpha") { Description = "DPO only: weight of the chosen answers' NLL added to the loss (TRL's rpo_alpha; 0 = plain DPO).", DefaultValueFactory = _ => Defaults.RpoAlpha };
    private readonly Option<int> _maxPairs = new("--max-pairs") { Description = "At most this many preference pairs per arm (drawn with --seed); training time grows with it.", DefaultValueFactory = _ => Defaults.MaxTrainingPairs };
    private readonly Option<int> _minPairs = new("--min-pairs") { Description = "A preference source with fewer pairs than this trains no arm (the run stops when none has enough).", DefaultValueFactory = _ => Defaults.MinTrainingPairs };
    private readonly Option<bool> _noControls = new("--no-controls") { Description = "Skip the random-preference and SFT control arms." };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of questions, sampling, pairing, bootstrap and training.", DefaultValueFactory = _ => Defaults.Seed };
    private readonly Option<string> _runFolder = new("--run-folder") { Description = "Where answers, pairs, adapters and the report go. Rerunning with the same folder resumes what was finished (default runs/default under the repository).", DefaultValueFactory = _ => RepositoryPaths.FromRoot("runs/default") };
    private readonly Option<bool> _fresh = new("--fresh") { Description = "Delete the run folder first instead of resuming from it." };
    private readonly Option<int> _threads = new("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => Math.Min(Environment.ProcessorCount, 2) };
    private readonly Option<string> _model = new("--model") { Description = "The local model (Hugging Face layout): generator and policy. Default: the shipped model, models/wow-tiny-sp in the repository.", DefaultValueFactory = _ => RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative) };
    private readonly Option<bool> _retrain = new("--retrain") { Description = "Retrain the shipped model into --model first with its curriculum, as train-shipped does (about 2 hours on one core)." };
    private readonly Option<string> _nlgraph = new("--nlgraph") { Description = "Real NLGraph shortest-path file; when it exists every arm is also evaluated on it (default ../shared/data/nlgraph/shortest_path.json next to the repository).", DefaultValueFactory = _ => RepositoryPaths.FromRoot(RepositoryPaths.NLGraphShortestPathRelative) };
    private readonly Option<int> _nlgraphQuestions = new("--nlgraph-questions") { Description = "Real NLGraph questions evaluated per arm (0 = skip).", DefaultValueFactory = _ => Defaults.NLGraphQuestions };
    private readonly Option<string?> _endpoint = new("--endpoint") { Description = $"OpenAI-compatible base URL (env {EndpointSettings.UrlVariable}), e.g. http://localhost:11434/v1. Without it the job runs offline." };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = $"API key of the endpoint (env {EndpointSettings.KeyVariable}); local servers need none." };
    private readonly Option<string?> _endpointModel = new("--endpoint-model") { Description = $"Model the endpoint serves (env {EndpointSettings.ModelVariable})." };
    private readonly Option<EndpointRole> _endpointRole = new("--endpoint-role") { Description = "What the endpoint does: judge (adds the judge elicitors), generator (its answers are paired and elicited), or both.", DefaultValueFactory = _ => EndpointRole.Judge };
    private readonly Option<string?> _alignCheckpoint = new("--align-checkpoint") { Description = "A Hugging Face checkpoint folder to align (and evaluate) instead of --model, e.g. when the endpoint generates." };

    /// <summary>Creates the command line over the process environment.</summary>
    public MainJobCommand()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the command line over an environment (tests pass their own).</summary>
    /// <param name="environment">Reads an environment variable.</param>
    public MainJobCommand(Func<string, string?> environment)
    {
        _environment = environment;
    }

    private static MainJobOptions Defaults { get; } = new() { RunFolder = string.Empty, ModelFolder = string.Empty };

    /// <summary>Builds the root command; <paramref name="run"/> runs the experiment, <paramref name="trainModel"/> the train-model command, <paramref name="trainJudge"/> the train-judge command.</summary>
    /// <param name="run">Runs the experiment with parsed options; returns the exit code.</param>
    /// <param name="trainModel">Runs train-model with its parse result.</param>
    /// <param name="trainJudge">Runs train-judge with its parse result.</param>
    public RootCommand Build(Func<MainJobOptions, CancellationToken, Task<int>> run, Func<ParseResult, CancellationToken, Task<int>> trainModel, Func<ParseResult, CancellationToken, Task<int>> trainJudge)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(trainModel);
        ArgumentNullException.ThrowIfNull(trainJudge);
        var root = new RootCommand("""
            Runs "Varying Shades of Wrong" (Yao et al., ICLR 2025) end to end, offline, on a small model
            this project trains and ships: sample answers to synthetic NLGraph shortest-path questions,
            pair the wrong ones, score how well each elicitor tells the less wrong answer (Acc_WoW),
            align the model with DPO + LoRA on those preferences, and compare base, aligned arms and
            controls on held-out questions (p_wrong, Acc, ECE), printing tables and writing report.json,
            report.md and PNG charts into the run folder. Ctrl+C stops; rerunning resumes.

            Endpoint (optional): set WOW_ENDPOINT (an OpenAI-compatible base URL) and WOW_MODEL, plus
            WOW_API_KEY if the server needs one, or pass --endpoint/--endpoint-model/--api-key. The
            endpoint then judges (adding the pairwise and score judges) and/or generates.
            """);
        foreach (Option option in new Option[]
        {
            _train, _heldOut, _samples, _elicitors, _preferences, _margin, _optimizer, _epochs, _learningRate, _rpoAlpha, _maxPairs, _minPairs, _noControls, _seed,
            _runFolder, _fresh, _threads, _model, _retrain, _nlgraph, _nlgraphQuestions, _endpoint, _apiKey, _endpointModel, _endpointRole, _alignCheckpoint,
        })
        {
            root.Options.Add(option);
        }

        root.SetAction(async (result, cancellationToken) =>
        {
            MainJobOptions options;
            try
            {
                options = Bind(result);
            }
            catch (ArgumentException e)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }

            return await run(options, cancellationToken).ConfigureAwait(false);
        });
        root.Subcommands.Add(TrainModelCommand.Create(trainModel));
        root.Subcommands.Add(TrainJudgeCommand.Create(trainJudge));
        return root;
    }

    /// <summary>Turns a parse result into options, checking them.</summary>
    /// <param name="result">The parse result of the root command.</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public MainJobOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int Positive(Option<int> option, int min = 1)
        {
            int value = result.GetValue(option);
            return value >= min ? value : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {min} (was {value})."));
        }

        var elicitors = Split(result.GetValue(_elicitors)!);
        foreach (string e in elicitors.Where(e => !MainJobOptions.OfflineElicitors.Contains(e) && !MainJobOptions.JudgeElicitors.Contains(e)))
        {
            throw new ArgumentException($"--elicitors: unknown elicitor '{e}' (known: {string.Join(", ", MainJobOptions.OfflineElicitors.Concat(MainJobOptions.JudgeElicitors))}).");
        }

        var preferences = Split(result.GetValue(_preferences)!);
        foreach (string p in preferences.Where(p => p is not ("oracle" or "best" or "row" or "mix") && !elicitors.Contains(p) && !MainJobOptions.JudgeElicitors.Contains(p)))
        {
            throw new ArgumentException($"--preferences: '{p}' is neither oracle, row, mix, best nor one of the elicitors ({string.Join(", ", elicitors)}).");
        }

        string margin = result.GetValue(_margin)!.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (margin is not ("M100" or "M50" or "M10"))
        {
            throw new ArgumentException($"--margin must be M100, M50 or M10 (was '{result.GetValue(_margin)}').");
        }

        string optimizer = result.GetValue(_optimizer)!.ToLowerInvariant();
        if (optimizer is not ("dpo" or "ipo" or "simpo" or "orpo" or "kto"))
        {
            throw new ArgumentException($"--optimizer must be dpo, ipo, simpo, orpo or kto (was '{optimizer}').");
        }

        var learningRates = Numbers<double>(result.GetValue(_learningRate)!, "--lr", v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) && r > 0 && double.IsFinite(r) ? r : (double?)null, "a positive number");
        var epochCounts = Numbers<int>(result.GetValue(_epochs)!, "--epochs", v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int e) && e >= 1 ? e : (int?)null, "a whole number of at least 1");

        string? align = result.GetValue(_alignCheckpoint);
        if (align is not null && !File.Exists(Path.Combine(align, "config.json")))
        {
            throw new ArgumentException($"--align-checkpoint '{align}' is not a Hugging Face checkpoint folder (no config.json).");
        }

        var options = new MainJobOptions
        {
            TrainQuestions = Positive(_train, 2),
            HeldOutQuestions = Positive(_heldOut),
            Samples = Positive(_samples, 2),
            NLGraphQuestions = Positive(_nlgraphQuestions, 0),
            Elicitors = elicitors,
            PreferenceSources = preferences,
            Margin = margin,
            Optimizer = optimizer,
            EpochCounts = epochCounts,
            LearningRates = learningRates,
            RpoAlpha = result.GetValue(_rpoAlpha) >= 0 ? result.GetValue(_rpoAlpha) : throw new ArgumentException("--rpo-alpha must be 0 or more."),
            MaxTrainingPairs = Positive(_maxPairs, 2),
            MinTrainingPairs = Positive(_minPairs),
            Controls = !result.GetValue(_noControls),
            Seed = result.GetValue(_seed),
            RunFolder = Path.GetFullPath(result.GetValue(_runFolder)!),
            Fresh = result.GetValue(_fresh),
            Threads = Positive(_threads),
            ModelFolder = Path.GetFullPath(result.GetValue(_model)!),
            Retrain = result.GetValue(_retrain),
            NLGraphFile = result.GetValue(_nlgraph) is { } nlgraph ? Path.GetFullPath(nlgraph) : null,
            Endpoint = BindEndpoint(result),
            AlignCheckpoint = align is null ? null : Path.GetFullPath(align),
        };
        if (options.HasGrid && options.HeldOutQuestions < 2)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--held-out must be at least 2 with a grid of --lr and --epochs values (was {options.HeldOutQuestions}): the held-out questions split into validation and test."));
        }

        return options;
    }

    private EndpointSettings? BindEndpoint(ParseResult result) =>
        EndpointSettings.FromValues(result.GetValue(_endpoint), result.GetValue(_endpointModel), result.GetValue(_apiKey), result.GetValue(_endpointRole), _environment);

    // One value or a comma-separated list; equal numbers are one grid point, since a point twice would train twice for nothing.
    private static List<T> Numbers<T>(IEnumerable<string> values, string option, Func<string, T?> parse, string what)
        where T : struct
    {
        var parsed = Items(values).Select(v => parse(v) ?? throw new ArgumentException($"{option}: '{v}' is not {what}.")).Distinct().ToList();
        return parsed.Count > 0 ? parsed : throw new ArgumentException($"{option} needs at least one value.");
    }

    private static List<string> Split(IEnumerable<string> values) =>
        Items(values)
            .Select(v => v.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    // The items of an option given as repeated values, comma-separated lists, or both.
    private static IEnumerable<string> Items(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
