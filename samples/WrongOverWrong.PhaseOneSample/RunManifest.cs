using System.Text.Json;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>
/// Writes run.json: the settings a run used (never the key), so a results folder says how it was made.
/// </summary>
internal static class RunManifest
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(SampleOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.OutputFolder);
        var manifest = new
        {
            endpoint = options.Endpoint.ToString(),
            model = options.Model,
            judgeModel = options.JudgeModel,
            selfJudging = options.SelfJudging,
            tasks = options.Tasks.Select(t => t.TaskName),
            options.Questions,
            options.RandomQuestions,
            options.Samples,
            scoreJudgeBatch = options.ScoreBatch,
            options.Concurrency,
            options.MaxPairs,
            options.Seed,
            options.DataFolder,
            startedUtc = DateTime.UtcNow,
        };
        var json = JsonSerializer.Serialize(manifest, Indented);
        await File.WriteAllTextAsync(Path.Combine(options.OutputFolder, "run.json"), json, cancellationToken);
    }
}
