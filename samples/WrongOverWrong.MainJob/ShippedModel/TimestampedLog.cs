using System.Diagnostics;
using System.Globalization;

namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>
/// A training log whose lines start with the time since the run began ("[hh:mm:ss] ..."), flushed
/// line by line so a long run's log can be followed (and survives a killed run) while it trains.
/// </summary>
/// <param name="writer">Where the lines go.</param>
public sealed class TimestampedLog(TextWriter writer)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Writes one line, prefixed with the elapsed time, and flushes.</summary>
    /// <param name="line">The text of the line.</param>
    public void Line(string line)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed:hh\\:mm\\:ss}] {line}"));
        writer.Flush();
    }
}
