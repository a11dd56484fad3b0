using System.Text;
using System.Text.Json;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Pipeline.Reports;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// One elicitor's verdicts in the run folder (<c>elicit/&lt;name&gt;.jsonl</c>): one line per finished
/// question with its verdicts and what eliciting it cost, appended as questions finish, so an
/// interrupted elicitation resumes after the last whole line.
/// </summary>
internal sealed class VerdictStore
{
    private readonly string _path;
    private readonly Lock _gate = new();

    public VerdictStore(string directory, string elicitor)
    {
        Directory.CreateDirectory(directory);
        var safe = RunNames.Safe(elicitor);
        _path = System.IO.Path.Combine(directory, safe + ".jsonl");
    }

    public string Path => _path;

    /// <summary>Reads finished questions' verdict lines, cutting an unfinished last line left by a crash.</summary>
    public Dictionary<string, QuestionVerdicts> Read()
    {
        var result = new Dictionary<string, QuestionVerdicts>(StringComparer.Ordinal);
        if (!File.Exists(_path))
        {
            return result;
        }

        var bytes = File.ReadAllBytes(_path);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Write);
            stream.SetLength(end);
        }

        var lines = Encoding.UTF8.GetString(bytes, 0, end).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            QuestionVerdicts? line;
            try
            {
                line = JsonSerializer.Deserialize<QuestionVerdicts>(lines[i], ExperimentReport.JsonOptions);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{_path}, line {i + 1}: not a verdict line ({e.Message}). Delete the file to elicit again.", e);
            }

            if (line?.QuestionId is null || line.Verdicts is null)
            {
                throw new InvalidDataException($"{_path}, line {i + 1}: field 'questionId' or 'verdicts' is missing.");
            }

            result[line.QuestionId] = line;
        }

        return result;
    }

    /// <summary>Appends one finished question's verdicts and what eliciting them cost (not cancellable: the work is done).</summary>
    public void Append(string questionId, IReadOnlyList<PairVerdict> verdicts, ElicitationCost cost)
    {
        var line = new QuestionVerdicts(questionId, [.. verdicts.Select(v => new VerdictLine(v.Pair.First.Index, v.Pair.Second.Index, v.Predicted, v.FirstScore, v.SecondScore))], cost);
        var text = JsonSerializer.Serialize(line, Compact) + "\n";
        lock (_gate)
        {
            File.AppendAllText(_path, text);
        }
    }

    private static readonly JsonSerializerOptions Compact = new(ExperimentReport.JsonOptions) { WriteIndented = false };

    internal sealed record QuestionVerdicts(string QuestionId, List<VerdictLine> Verdicts, ElicitationCost? Cost);

    internal sealed record VerdictLine(int First, int Second, PairPrediction Verdict, double? FirstScore, double? SecondScore);
}
