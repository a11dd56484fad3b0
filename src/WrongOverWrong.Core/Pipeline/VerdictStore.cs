using System.Text;
using System.Text.Json;
using WrongOverWrong.Elicitation;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// One elicitor's verdicts in the run folder (<c>elicit/&lt;name&gt;.jsonl</c>): one line per finished
/// question, appended as questions finish, so an interrupted elicitation resumes after the last
/// whole line; the cost so far sits beside it in <c>&lt;name&gt;.cost.json</c>.
/// </summary>
internal sealed class VerdictStore
{
    private readonly string _path;
    private readonly string _costPath;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public VerdictStore(string directory, string elicitor)
    {
        Directory.CreateDirectory(directory);
        var safe = RunNames.Safe(elicitor);
        _path = System.IO.Path.Combine(directory, safe + ".jsonl");
        _costPath = System.IO.Path.Combine(directory, safe + ".cost.json");
    }

    public string Path => _path;

    /// <summary>Reads finished questions' verdict lines, cutting an unfinished last line left by a crash.</summary>
    public Dictionary<string, List<VerdictLine>> Read()
    {
        var result = new Dictionary<string, List<VerdictLine>>(StringComparer.Ordinal);
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

            result[line.QuestionId] = [.. line.Verdicts];
        }

        return result;
    }

    public async Task AppendAsync(string questionId, IReadOnlyList<PairVerdict> verdicts, ElicitationCost costSoFar)
    {
        var line = new QuestionVerdicts(questionId, [.. verdicts.Select(v => new VerdictLine(v.Pair.First.Index, v.Pair.Second.Index, v.Verdict, v.FirstScore, v.SecondScore))]);
        var text = JsonSerializer.Serialize(line, Compact) + "\n";
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await File.AppendAllTextAsync(_path, text, CancellationToken.None).ConfigureAwait(false);
            RunFiles.WriteJson(_costPath, costSoFar);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ElicitationCost ReadCost() => RunFiles.ReadJson<ElicitationCost>(_costPath) ?? ElicitationCost.Zero;

    private static readonly JsonSerializerOptions Compact = new(ExperimentReport.JsonOptions) { WriteIndented = false };

    internal sealed record QuestionVerdicts(string QuestionId, List<VerdictLine> Verdicts);

    internal sealed record VerdictLine(int First, int Second, VerdictKind Verdict, double? FirstScore, double? SecondScore);
}
