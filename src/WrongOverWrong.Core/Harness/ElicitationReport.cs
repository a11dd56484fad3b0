using System.Text.Json;
using System.Text.Json.Serialization;

namespace WrongOverWrong.Harness;

/// <summary>
/// The phase-1 result of one (generator, elicitor, margin): Acc_WoW with a bootstrap confidence
/// interval, what was kept, ties and abstentions, and the cost per kept pair.
/// </summary>
public sealed record ElicitationReport
{
    /// <summary>The generator (or mix) whose answers were judged.</summary>
    public required string Generator { get; init; }

    /// <summary>The elicitor's method name.</summary>
    public required string Elicitor { get; init; }

    /// <summary>The margin label (<c>M_100</c>, <c>M_50</c>, <c>M_10</c>).</summary>
    public required string Margin { get; init; }

    /// <summary>
    /// Whether this margin applies to the elicitor (default <see langword="true"/>). Margins below
    /// 100% rank pairs by score gap, so a pairwise method's M_50 / M_10 rows are
    /// <see langword="false"/>: their accuracy fields are NaN and the table prints <c>n/a</c>.
    /// </summary>
    public bool Applicable { get; init; } = true;

    /// <summary>Why the margin does not apply; <see langword="null"/> when <see cref="Applicable"/>.</summary>
    public string? NotApplicableReason { get; init; }

    /// <summary>Pairs given to the elicitor.</summary>
    public required int Pairs { get; init; }

    /// <summary>Pairs without a verdict (unparsable reply, failed swap check, null score batch, missing log-prob).</summary>
    public required int Abstentions { get; init; }

    /// <summary>Pairs kept by the margin filter (abstentions are never kept).</summary>
    public required int KeptPairs { get; init; }

    /// <summary>Kept pairs whose scores were equal: no order predicted, counted as misses in <see cref="AccWow"/>.</summary>
    public required int Ties { get; init; }

    /// <summary>Kept pairs whose predicted order matches the oracle.</summary>
    public required int Correct { get; init; }

    /// <summary>Acc_WoW = <see cref="Correct"/> / <see cref="KeptPairs"/>, ties counted as misses (the paper's convention); NaN when nothing was kept.</summary>
    public required double AccWow { get; init; }

    /// <summary>Lower bound of the percentile-bootstrap interval of <see cref="AccWow"/>, resampling questions (NaN when nothing was kept).</summary>
    public required double CiLower { get; init; }

    /// <summary>Upper bound of the percentile-bootstrap interval of <see cref="AccWow"/>, resampling questions.</summary>
    public required double CiUpper { get; init; }

    /// <summary>The confidence level of the interval (default 0.95).</summary>
    public required double Confidence { get; init; }

    /// <summary>Accuracy over kept pairs that are not ties; NaN when all kept pairs are ties.</summary>
    public required double AccWowExcludingTies { get; init; }

    /// <summary>Model calls the elicitor made for the whole question set (shared by its margins).</summary>
    public required long Calls { get; init; }

    /// <summary>Input tokens reported for those calls.</summary>
    public required long InputTokens { get; init; }

    /// <summary>Output tokens reported for those calls.</summary>
    public required long OutputTokens { get; init; }

    /// <summary>Judge replies without a readable verdict.</summary>
    public required long UnparsableReplies { get; init; }

    /// <summary>Calls per kept pair; NaN when nothing was kept.</summary>
    public double CallsPerKeptPair => KeptPairs == 0 ? double.NaN : (double)Calls / KeptPairs;

    /// <summary>Input tokens per kept pair; NaN when nothing was kept.</summary>
    public double InputTokensPerKeptPair => KeptPairs == 0 ? double.NaN : (double)InputTokens / KeptPairs;

    /// <summary>Output tokens per kept pair; NaN when nothing was kept.</summary>
    public double OutputTokensPerKeptPair => KeptPairs == 0 ? double.NaN : (double)OutputTokens / KeptPairs;

    /// <summary>The JSON options reports are written with (camelCase, indented, NaN as a string).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>This report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
