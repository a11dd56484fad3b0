using System.Text.Json;
using WrongOverWrong.Harness;
using WrongOverWrong.Pairing;

namespace WrongOverWrong.Pipeline.Reports;

/// <summary>
/// Everything an experiment produced, as a JSON-serialisable record tree: phase 1 (pairing counts,
/// Acc_WoW per elicitor and margin with intervals, ties, abstentions, kept counts), the training
/// sets, and phase 2 (base, every arm and its controls on the test questions, with deltas to base
/// and paired intervals), plus timings. <see cref="ExperimentReportFormatter"/> renders it as Markdown.
/// </summary>
public sealed record ExperimentReport
{
    /// <summary>The task trained on.</summary>
    public required string Task { get; init; }

    /// <summary>The generator whose answers were sampled.</summary>
    public required string Generator { get; init; }

    /// <summary>
    /// How the task's oracle graded (the paper's rule or the strict one), for tasks that offer both
    /// (<see cref="Tasks.IHasGradingRule"/>); null for tasks with a single rule.
    /// </summary>
    public Tasks.GradingRule? GradingRule { get; init; }

    /// <summary>Training questions sampled.</summary>
    public required int TrainingQuestions { get; init; }

    /// <summary>Held-out questions used for validation (model selection).</summary>
    public required int ValidationQuestions { get; init; }

    /// <summary>Held-out questions used for the reported test metrics.</summary>
    public required int TestQuestions { get; init; }

    /// <summary>What pairing formed and dropped on the training answers (WoW and RoW).</summary>
    public required PairingReport Pairing { get; init; }

    /// <summary>Acc_WoW per (elicitor, margin), with intervals, ties, abstentions and kept counts.</summary>
    public required IReadOnlyList<ElicitationReport> Elicitation { get; init; }

    /// <summary>The training sets built, one per source, with how many pairs each could give and used.</summary>
    public IReadOnlyList<TrainingSetReport> TrainingSets { get; init; } = [];

    /// <summary>Phase-2 rows: the base model first, then each arm followed by its controls.</summary>
    public IReadOnlyList<ArmReport> Arms { get; init; } = [];

    /// <summary>The transfer task's name when a transfer evaluation ran.</summary>
    public string? TransferTask { get; init; }

    /// <summary>Stages in the order they ran, with timings.</summary>
    public IReadOnlyList<StageTiming> Timings { get; init; } = [];

    /// <summary>Messages for the reader: sources without enough pairs, collapsed arms, skipped stages.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The JSON options reports are written with (camelCase, indented, NaN as a string, enums as strings).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>This report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    public static ExperimentReport FromJson(string json) =>
        JsonSerializer.Deserialize<ExperimentReport>(json, JsonOptions) ?? throw new JsonException("The report JSON is null.");

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(ElicitationReport.JsonOptions);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }
}
