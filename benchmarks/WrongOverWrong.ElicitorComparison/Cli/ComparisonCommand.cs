using System.CommandLine;
using System.Globalization;
using WrongOverWrong.MainJob;
using WrongOverWrong.MainJob.Cli;

namespace WrongOverWrong.ElicitorComparison.Cli;

/// <summary>The command line of the elicitor comparison (System.CommandLine); <c>--help</c> explains every option.</summary>
public sealed class ComparisonCommand
{
    /// <summary>How the command is run from the repository root (the results file records it).</summary>
    public const string Invocation = "dotnet run -c Release --project benchmarks/WrongOverWrong.ElicitorComparison --";

    private readonly Func<string, string?> _environment;

    private readonly Option<string[]> _answers = new("--answers") { Description = "Answer set JSONL files the pipeline saved (train-graded.jsonl, eval-answers/*.jsonl, transfer-answers/*.jsonl) or run folders holding them. Default: the main job's runs/default when it exists, else a small set sampled with the shipped model.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string> _output = new("--out") { Description = "Folder for the results (elicitor-comparison.md, .json and one acc-wow-<dataset>.png per dataset).", DefaultValueFactory = _ => RepositoryPaths.FromRoot("benchmarks/results/elicitor-comparison") };
    private readonly Option<string> _fallback = new("--fallback-folder") { Description = "Where the fallback samples when no answer sets are given; a rerun reads them back.", DefaultValueFactory = _ => RepositoryPaths.FromRoot("runs/elicitor-comparison") };
    private readonly Option<string> _model = new("--model") { Description = "The model the fallback samples with (default the shipped models/wow-tiny-sp).", DefaultValueFactory = _ => RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative) };
    private readonly Option<int> _questions = new("--questions") { Description = "Synthetic questions the fallback samples.", DefaultValueFactory = _ => 40 };
    private readonly Option<string> _nlgraph = new("--nlgraph") { Description = "Real NLGraph shortest-path file the fallback also samples when it exists (default ../shared/data/nlgraph/shortest_path.json next to the repository).", DefaultValueFactory = _ => RepositoryPaths.FromRoot(RepositoryPaths.NLGraphShortestPathRelative) };
    private readonly Option<int> _nlgraphQuestions = new("--nlgraph-questions") { Description = "Real NLGraph questions the fallback samples (0 = none).", DefaultValueFactory = _ => 20 };
    private readonly Option<int> _samples = new("--samples") { Description = "Answers per question in the fallback (the paper's N = 10).", DefaultValueFactory = _ => 10 };
    private readonly Option<int> _threads = new("--threads") { Description = "libtorch threads of the fallback's sampling.", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of questions, sampling, the pair cap and the bootstrap.", DefaultValueFactory = _ => 42 };
    private readonly Option<int> _bootstrap = new("--bootstrap") { Description = "Bootstrap resamples per confidence interval (0 = none).", DefaultValueFactory = _ => 1000 };
    private readonly Option<int> _maxPairs = new("--max-pairs") { Description = "At most this many wrong-over-wrong pairs per dataset, drawn with --seed (the authors' cap is 10,000).", DefaultValueFactory = _ => 10_000 };
    private readonly Option<string> _judgeModel = new("--judge-model") { Description = "The local judge model the pairwise and score judges run on offline (default the shipped models/wow-tiny-judge, trained by ./run.sh train-judge); 'none' compares the other three elicitors only. A judge endpoint takes its place.", DefaultValueFactory = _ => RepositoryPaths.FromRoot(RepositoryPaths.ShippedJudgeRelative) };
    private readonly Option<string?> _endpoint = new("--endpoint") { Description = $"OpenAI-compatible base URL of a judge (env {EndpointSettings.UrlVariable}); the pairwise and score judges then ask it instead of the local judge model." };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = $"API key of the endpoint (env {EndpointSettings.KeyVariable})." };
    private readonly Option<string?> _endpointModel = new("--endpoint-model") { Description = $"Model the endpoint serves (env {EndpointSettings.ModelVariable})." };

    /// <summary>Creates the command line over the process environment.</summary>
    public ComparisonCommand()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the command line over an environment (tests pass their own).</summary>
    /// <param name="environment">Reads an environment variable.</param>
    public ComparisonCommand(Func<string, string?> environment)
    {
        _environment = environment;
    }

    /// <summary>Builds the root command; <paramref name="run"/> runs the comparison.</summary>
    /// <param name="run">Runs with parsed options; returns the exit code.</param>
    /// <param name="args">The arguments, recorded in the results as the command.</param>
    public RootCommand Build(Func<ComparisonOptions, CancellationToken, Task<int>> run, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("""
            Compares the elicitors of "Varying Shades of Wrong" side by side over the same answer sets:
            per dataset and margin (M_100, M_50, M_10) Acc_WoW with a bootstrap CI, share of pairs kept,
            ties, abstentions, calls and tokens per kept pair and wall time; then how often two elicitors
            order a pair the same way, and Spearman's correlation of each one's score gap with the
            oracle's proxy gap. All five elicitors offline: length, consistency, log-probability, and the
            pairwise and score judges on the shipped judge model (models/wow-tiny-judge); with a judge
            endpoint (WOW_ENDPOINT, WOW_MODEL, WOW_API_KEY) the judges ask it instead. Reads the answer
            sets the pipeline saved, so nothing is sampled again; Ctrl+C stops.
            """);
        foreach (Option option in new Option[] { _answers, _output, _fallback, _model, _questions, _nlgraph, _nlgraphQuestions, _samples, _threads, _seed, _bootstrap, _maxPairs, _judgeModel, _endpoint, _apiKey, _endpointModel })
        {
            root.Options.Add(option);
        }

        root.SetAction(async (result, cancellationToken) =>
        {
            ComparisonOptions options;
            try
            {
                options = Bind(result) with { CommandLine = (Invocation + " " + string.Join(' ', args.Select(Quote))).TrimEnd() };
            }
            catch (ArgumentException e)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ComparisonApp.SetupExitCode;
            }

            return await run(options, cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    /// <summary>Turns a parse result into options, checking them.</summary>
    /// <param name="result">The parse result.</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public ComparisonOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int AtLeast(Option<int> option, int min)
        {
            int value = result.GetValue(option);
            return value >= min ? value : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {min} (was {value})."));
        }

        return new ComparisonOptions
        {
            Answers = (result.GetValue(_answers) ?? []).Select(Path.GetFullPath).ToList(),
            OutputFolder = Path.GetFullPath(result.GetValue(_output)!),
            DefaultRunFolder = RepositoryPaths.FromRoot("runs/default"),
            FallbackFolder = Path.GetFullPath(result.GetValue(_fallback)!),
            ModelFolder = Path.GetFullPath(result.GetValue(_model)!),
            Questions = AtLeast(_questions, 1),
            NLGraphFile = result.GetValue(_nlgraph) is { } nlgraph ? Path.GetFullPath(nlgraph) : null,
            NLGraphQuestions = AtLeast(_nlgraphQuestions, 0),
            Samples = AtLeast(_samples, 2),
            Threads = AtLeast(_threads, 1),
            Seed = result.GetValue(_seed),
            Bootstrap = AtLeast(_bootstrap, 0),
            MaxPairs = AtLeast(_maxPairs, 1),
            Endpoint = BindEndpoint(result),
            JudgeModelFolder = result.GetValue(_judgeModel) is { } judge && !judge.Equals("none", StringComparison.OrdinalIgnoreCase) ? Path.GetFullPath(judge) : null,
        };
    }

    private EndpointSettings? BindEndpoint(ParseResult result) =>
        EndpointSettings.FromValues(result.GetValue(_endpoint), result.GetValue(_endpointModel), result.GetValue(_apiKey), EndpointRole.Judge, _environment);

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ',' or ':') ? arg : $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
