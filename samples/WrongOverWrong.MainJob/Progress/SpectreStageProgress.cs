using Spectre.Console;

namespace WrongOverWrong.MainJob.Progress;

/// <summary>Progress bars on an interactive terminal (Spectre.Console): one bar per stage with counts and ETA.</summary>
public sealed class SpectreStageProgress : IStageProgress
{
    private readonly ProgressContext _context;

    private SpectreStageProgress(ProgressContext context) => _context = context;

    /// <summary>Runs <paramref name="body"/> with bars drawn on <paramref name="console"/>; bars stay on screen afterwards.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="body">The work; it reports through the progress it is given.</param>
    public static Task<T> RunAsync<T>(IAnsiConsole console, Func<IStageProgress, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(context => body(new SpectreStageProgress(context)));
    }

    /// <inheritdoc/>
    public IStage Begin(string name, int total, string unit) =>
        new Stage(_context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, total)), name, total, unit);

    /// <inheritdoc/>
    public void Note(string line)
    {
        // A finished, empty task shows the line between the bars without disturbing them.
        var task = _context.AddTask(Markup.Escape(line), autoStart: false, maxValue: 1);
        task.Value = 1;
        task.StopTask();
    }

    private sealed class Stage(ProgressTask task, string name, int total, string unit) : IStage
    {
        private readonly Lock _lock = new();
        private int _offset;
        private int _lastDone;

        public void Report(int done, int? total1 = null, string? detail = null)
        {
            lock (_lock)
            {
                // A count that starts over (the next arm's questions) is added to what came before,
                // so the bar only grows and its time estimate stays meaningful.
                if (done < _lastDone)
                {
                    _offset += total;
                }

                _lastDone = done;
                total = total1 ?? total;
                task.MaxValue = Math.Max(1, _offset + total);
                task.Value = Math.Min(_offset + done, task.MaxValue);
                task.Description = Markup.Escape($"{name} {done}/{total} {unit}{(detail is null ? string.Empty : " · " + detail)}");
            }
        }

        public void Complete()
        {
            lock (_lock)
            {
                // A stage of unknown size is full when it ends; a stopped one keeps its count.
                if (total <= 0)
                {
                    task.Value = task.MaxValue;
                }

                task.StopTask();
            }
        }

        public void Dispose() => Complete();
    }
}
