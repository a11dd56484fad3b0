using System.Diagnostics;
using System.Globalization;

namespace WrongOverWrong.MainJob.Progress;

/// <summary>
/// Progress as plain lines, for redirected output and logs: a line when a stage starts, then at most
/// one every <see cref="Interval"/> (and at every tenth of the way), and one when it ends.
/// </summary>
/// <param name="writeLine">Writes one line (to a console or a log).</param>
public sealed class PlainStageProgress(Action<string> writeLine) : IStageProgress
{
    private readonly Lock _lock = new();

    /// <summary>Least time between two lines of one stage.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public IStage Begin(string name, int total, string unit)
    {
        Write($"{name}: started ({total} {unit})");
        return new Stage(this, name, total, unit);
    }

    /// <inheritdoc/>
    public void Note(string line) => Write(line);

    private void Write(string line)
    {
        lock (_lock)
        {
            writeLine(line);
        }
    }

    private static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(2);

    private sealed class Stage(PlainStageProgress owner, string name, int total, string unit) : IStage
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastLine = TimeSpan.Zero;
        private TimeSpan _segmentStart = TimeSpan.Zero;
        private int _lastTenth;
        private int _done;
        private bool _completed;

        public void Report(int done, int? total1 = null, string? detail = null)
        {
            total = total1 ?? total;

            // A count that starts over (the next arm's questions) starts the time estimate over too.
            if (done < _done)
            {
                _segmentStart = _clock.Elapsed;
                _lastTenth = -1;
            }

            _done = done;
            int tenth = total > 0 ? (int)(10L * done / total) : 0;
            var since = _clock.Elapsed - _lastLine;
            if (since < owner.Interval && (tenth == _lastTenth || since < MinimumGap))
            {
                return;
            }

            _lastLine = _clock.Elapsed;
            _lastTenth = tenth;
            owner.Write(string.Create(CultureInfo.InvariantCulture, $"{name}: {done}/{total} {unit}, {Eta.Format(_clock.Elapsed - _segmentStart, done, total)}{(detail is null ? string.Empty : ", " + detail)}"));
        }

        public void Complete()
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            owner.Write(total > 0 && _done < total
                ? string.Create(CultureInfo.InvariantCulture, $"{name}: stopped at {_done}/{total} {unit} after {_clock.Elapsed.TotalSeconds:0.0} s")
                : string.Create(CultureInfo.InvariantCulture, $"{name}: done, {Math.Max(_done, total)} {unit} in {_clock.Elapsed.TotalSeconds:0.0} s"));
        }

        public void Dispose() => Complete();
    }
}
