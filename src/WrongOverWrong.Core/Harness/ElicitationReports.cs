using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WrongOverWrong.Harness;

/// <summary>Prints reports as a plain-text table and saves them as JSON.</summary>
public static class ElicitationReports
{
    /// <summary>
    /// A fixed-width table, one row per report: generator, elicitor, margin, Acc_WoW with its CI,
    /// kept pairs, ties, abstentions, and calls and tokens per kept pair. A margin that does not
    /// apply to its elicitor (<see cref="ElicitationReport.Applicable"/> false) prints <c>n/a</c>.
    /// </summary>
    /// <param name="reports">The reports to print.</param>
    public static string FormatTable(IEnumerable<ElicitationReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        string[] header = ["generator", "elicitor", "margin", "Acc_WoW", "95% CI", "kept", "ties", "abstained", "calls/kept", "in tok/kept", "out tok/kept"];
        var rows = new List<string[]> { header };
        foreach (var r in reports)
        {
            if (!r.Applicable)
            {
                const string na = "n/a";
                rows.Add([r.Generator, r.Elicitor, r.Margin, na, na, na, na, r.Abstentions.ToString(CultureInfo.InvariantCulture), na, na, na]);
                continue;
            }

            rows.Add(
            [
                r.Generator,
                r.Elicitor,
                r.Margin,
                Number(r.AccWow, "0.000"),
                double.IsNaN(r.CiLower) ? "-" : $"[{Number(r.CiLower, "0.000")}, {Number(r.CiUpper, "0.000")}]",
                r.KeptPairs.ToString(CultureInfo.InvariantCulture),
                r.Ties.ToString(CultureInfo.InvariantCulture),
                r.Abstentions.ToString(CultureInfo.InvariantCulture),
                Number(r.CallsPerKeptPair, "0.00"),
                Number(r.InputTokensPerKeptPair, "0.0"),
                Number(r.OutputTokensPerKeptPair, "0.0"),
            ]);
        }

        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var builder = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            builder.AppendJoin("  ", rows[i].Select((cell, c) => c < 3 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
            if (i == 0)
            {
                builder.AppendJoin("  ", widths.Select(w => new string('-', w))).Append('\n');
            }
        }

        return builder.ToString();
    }

    /// <summary>Writes the reports to <paramref name="path"/> as one indented JSON array.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="reports">The reports.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task SaveJsonAsync(string path, IEnumerable<ElicitationReport> reports, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(reports);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, reports.ToList(), ElicitationReport.JsonOptions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads reports written by <see cref="SaveJsonAsync"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<IReadOnlyList<ElicitationReport>> LoadJsonAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync<List<ElicitationReport>>(stream, ElicitationReport.JsonOptions, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"{path}: expected a JSON array of elicitation reports, found null.");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}: not a JSON array of elicitation reports: {ex.Message}", ex);
            }
        }
    }

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
