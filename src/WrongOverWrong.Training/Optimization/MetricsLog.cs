using System.Text.Json;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// The per-run JSON Lines log (<c>metrics.jsonl</c>): one object per optimizer step with the
/// step, epoch, loss, learning rate, throughput and TRL's metric names. On resume, lines for steps
/// after the checkpoint are dropped so the log reads as one uninterrupted run.
/// </summary>
internal sealed class MetricsLog : IDisposable
{
    // NaN metrics (for example no desirable example in a KTO batch) are written, not thrown on.
    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly StreamWriter _writer;

    private MetricsLog(StreamWriter writer) => _writer = writer;

    public static MetricsLog Open(string path, int resumedStep)
    {
        if (File.Exists(path))
        {
            var keep = new List<string>();
            foreach (string line in File.ReadLines(path))
            {
                if (line.Length == 0)
                {
                    continue;
                }

                using JsonDocument document = JsonDocument.Parse(line);
                if (document.RootElement.TryGetProperty("step", out JsonElement step) && step.GetInt32() <= resumedStep)
                {
                    keep.Add(line);
                }
            }

            string temporary = path + ".tmp";
            File.WriteAllLines(temporary, keep);
            File.Move(temporary, path, overwrite: true);
        }

        var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
        return new MetricsLog(writer);
    }

    public void Write(TrainingProgress report)
    {
        var entry = new Dictionary<string, object>
        {
            ["step"] = report.Step,
            ["total_steps"] = report.TotalSteps,
            ["epoch"] = report.Epoch,
            ["loss"] = report.Loss,
            ["learning_rate"] = report.LearningRate,
            ["tokens_per_second"] = report.TokensPerSecond,
        };
        foreach (var (name, value) in report.Metrics)
        {
            entry[name] = value;
        }

        _writer.WriteLine(JsonSerializer.Serialize(entry, JsonOptions));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
