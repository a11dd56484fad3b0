using System.Text.Json;
using System.Text.Json.Serialization;

namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>A whole comparison: how it was run and one block per dataset.</summary>
public sealed record ComparisonReport
{
    /// <summary>The command line that produced it.</summary>
    public required string Command { get; init; }

    /// <summary>When it ran (UTC).</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>The machine: OS, CPU count, runtime.</summary>
    public required string Machine { get; init; }

    /// <summary>Where the answer sets came from (the paths read, or the fallback that generated them).</summary>
    public required string Input { get; init; }

    /// <summary>The judge endpoint, or a line saying the run was offline.</summary>
    public required string Judge { get; init; }

    /// <summary>The correlation used for the gap columns.</summary>
    public string CorrelationMethod { get; init; } = GapCorrelation.Method;

    /// <summary>Bootstrap resamples behind each interval (over questions).</summary>
    public required int BootstrapResamples { get; init; }

    /// <summary>Seed of pairing and bootstrap.</summary>
    public required int Seed { get; init; }

    /// <summary>One block per dataset.</summary>
    public required IReadOnlyList<DatasetComparison> Datasets { get; init; }

    /// <summary>Remarks for the reader (fallback used, files skipped).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>camelCase, indented, NaN written as a string (JSON has no NaN).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
