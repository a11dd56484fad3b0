using System.Text.Json;
using System.Text.Json.Serialization;

namespace WrongOverWrong.MainJob.Reporting;

/// <summary>The report as JSON (report.json in the run folder); NaN (no interval) is written as "NaN".</summary>
public static class JsonReport
{
    /// <summary>The serializer settings: camelCase, indented, named floating-point literals allowed.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the report to <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteAsync(string path, MainJobReport report, CancellationToken cancellationToken = default)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, report, Options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a report written by <see cref="WriteAsync"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<MainJobReport> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<MainJobReport>(stream, Options, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{path} holds no report.");
    }
}
