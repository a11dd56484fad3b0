using System.Globalization;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>
/// Reads the environment (where the model is) and the arguments (how much to run). A few flags
/// do not justify a parsing library.
/// </summary>
internal static class CommandLine
{
    public const string Usage = """
        Runs phase 1 of "Varying Shades of Wrong" (sample wrong answers, pair them, ask five
        elicitors which answer is less wrong, score against the oracle) on NLGraph shortest path
        and Knowledge Crosswords, against any OpenAI-compatible chat endpoint.

        Environment:
          WOW_ENDPOINT     OpenAI-compatible base URL, e.g. http://localhost:11434/v1   (required)
          WOW_MODEL        generator model, e.g. llama3.1:8b                           (required)
          WOW_API_KEY      API key (optional for local servers)
          WOW_JUDGE_MODEL  judge model (default: WOW_MODEL)
          WOW_DATA         data folder (default: ../shared/data next to WrongOverWrong.sln)

        Options:
          --task shortest-path|crosswords|both   default both
          --questions N      questions per task (default 20)
          --samples N        answers sampled per question (default 10)
          --k N              score-judge batch size: 1, 2, 5 or 10 (default 5)
          --concurrency N    parallel calls (default 8)
          --max-pairs N      cap on wrong-over-wrong pairs per task (default 10000)
          --random           a seeded random sample of questions instead of the first N
          --seed N           seed for question choice, option orders and pair sampling (default 42)
          --out FOLDER       output folder (default ./runs/elicitation-<timestamp>);
                             run again with the same --out to resume
          --help             this text

        Examples:
          WOW_ENDPOINT=http://localhost:11434/v1 WOW_MODEL=llama3.1:8b dotnet run --project samples/WrongOverWrong.PhaseOneSample
          WOW_ENDPOINT=https://api.openai.com/v1 WOW_API_KEY=sk-... WOW_MODEL=gpt-4o-mini dotnet run --project samples/WrongOverWrong.PhaseOneSample -- --questions 5
        """;

    /// <summary>Parses; <see cref="CommandLineResult.Options"/> is null when the program should stop with the message.</summary>
    public static CommandLineResult Parse(IReadOnlyList<string> args, Func<string, string?> environment, DateTime now)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            return CommandLineResult.Stop(Usage, 0);
        }

        var endpoint = Value(environment, "WOW_ENDPOINT");
        var model = Value(environment, "WOW_MODEL");
        if (endpoint is null || model is null)
        {
            var missing = string.Join(" and ", new[] { endpoint is null ? "WOW_ENDPOINT" : null, model is null ? "WOW_MODEL" : null }.OfType<string>());
            return CommandLineResult.Stop($"Nothing to run: set {missing}.\n\n{Usage}", 0);
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri) || endpointUri.Scheme is not ("http" or "https"))
        {
            return CommandLineResult.Stop($"WOW_ENDPOINT must be an http(s) URL such as http://localhost:11434/v1 (was '{endpoint}').", 2);
        }

        var tasks = SampleTask.All;
        int questions = 20, samples = 10, k = 5, concurrency = 8, seed = 42, maxPairs = 10_000;
        var random = false;
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--random")
            {
                random = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                return CommandLineResult.Stop($"{name} needs a value (see --help).", 2);
            }

            var value = args[++i];
            if (name == "--out")
            {
                output = value;
                continue;
            }

            string? error = name switch
            {
                "--task" => ParseTasks(value, out tasks),
                "--questions" => ParsePositive(name, value, out questions),
                "--samples" => ParsePositive(name, value, out samples),
                "--k" => ParsePositive(name, value, out k) ?? (k is 1 or 2 or 5 or 10 ? null : $"--k must be 1, 2, 5 or 10 (the paper's batch sizes; was {k})."),
                "--concurrency" => ParsePositive(name, value, out concurrency),
                "--max-pairs" => ParsePositive(name, value, out maxPairs),
                "--seed" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed) ? null : $"--seed must be an integer (was '{value}').",
                _ => $"Unknown option '{name}' (see --help).",
            };
            if (error is not null)
            {
                return CommandLineResult.Stop(error, 2);
            }
        }

        if (samples < 2)
        {
            return CommandLineResult.Stop("--samples must be at least 2: pairs need two answers to one question.", 2);
        }

        var data = Value(environment, "WOW_DATA") ?? DataFolderLocator.Find();
        if (data is null || !Directory.Exists(data))
        {
            return CommandLineResult.Stop(
                data is null
                    ? "Could not find the data folder: no WrongOverWrong.sln above the current folder or the program. Set WOW_DATA to the folder holding nlgraph/ and knowledge-crosswords/."
                    : $"WOW_DATA folder '{data}' does not exist.",
                2);
        }

        var key = Value(environment, "WOW_API_KEY");
        return CommandLineResult.Run(new SampleOptions
        {
            Endpoint = endpointUri,
            ApiKey = key ?? "not-needed",
            ApiKeyIsDummy = key is null,
            Model = model,
            JudgeModel = Value(environment, "WOW_JUDGE_MODEL") ?? model,
            DataFolder = Path.GetFullPath(data),
            Tasks = tasks,
            Questions = questions,
            Samples = samples,
            ScoreBatch = k,
            Concurrency = concurrency,
            MaxPairs = maxPairs,
            RandomQuestions = random,
            Seed = seed,
            OutputFolder = Path.GetFullPath(output ?? Path.Combine("runs", $"elicitation-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}")),
        });
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? ParsePositive(string name, string value, out int result) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result) && result > 0
            ? null
            : $"{name} must be a positive integer (was '{value}').";

    private static string? ParseTasks(string value, out IReadOnlyList<SampleTask> tasks)
    {
        tasks = value switch
        {
            "both" => SampleTask.All,
            _ => SampleTask.All.Where(t => t.CliName == value).ToList(),
        };
        return tasks.Count > 0 ? null : $"--task must be shortest-path, crosswords or both (was '{value}').";
    }
}
