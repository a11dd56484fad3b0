using System.Text.Json;
using System.Text.Json.Serialization;
using WrongOverWrong.Harness;

namespace WrongOverWrong.Samples.ElicitationRunner;

/// <summary>
/// Writes the pairs and every elicitor's verdict as JSON Lines, one pair per line, so a run can be
/// inspected (or re-scored) without calling the model again.
/// </summary>
internal static class PairFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Task WritePairsAsync(string path, IEnumerable<CandidatePair> pairs, CancellationToken cancellationToken) =>
        WriteLinesAsync(path, pairs.Select(p => new PairLine(p.Set.Question.Id, p.Kind, p.First.Index, p.Second.Index, p.FirstIsBetter, p.First.Grade?.TrainingProxy, p.Second.Grade?.TrainingProxy, p.First.FinalAnswer, p.Second.FinalAnswer)), cancellationToken);

    public static Task WriteVerdictsAsync(string path, ElicitationRun run, CancellationToken cancellationToken) =>
        WriteLinesAsync(
            path,
            run.Verdicts.SelectMany(kv => kv.Value.Select(v => new VerdictLine(kv.Key, v.Pair.Set.Question.Id, v.Pair.First.Index, v.Pair.Second.Index, v.Pair.FirstIsBetter, v.Verdict, v.FirstScore, v.SecondScore, v.IsCorrect))),
            cancellationToken);

    private static async Task WriteLinesAsync<T>(string path, IEnumerable<T> lines, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false);
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(line, Json).AsMemory(), cancellationToken);
        }
    }

    private sealed record PairLine(string QuestionId, PairKind Kind, int First, int Second, bool FirstIsBetter, double? FirstProxy, double? SecondProxy, string? FirstAnswer, string? SecondAnswer);

    private sealed record VerdictLine(string Elicitor, string QuestionId, int First, int Second, bool FirstIsBetter, VerdictKind Verdict, double? FirstScore, double? SecondScore, bool Correct);
}
