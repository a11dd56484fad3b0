using WrongOverWrong.MainJob.Progress;
using WrongOverWrong.Pipeline;

namespace WrongOverWrong.MainJob.Run;

/// <summary>
/// Feeds the pipeline's (stage, done, total) reports into one bar per stage. A stage's bar opens
/// on its first report and closes when a later stage begins or the run ends. Reports come from
/// worker threads, so the adapter locks.
/// </summary>
/// <param name="progress">The bars.</param>
/// <param name="prefix">Prefix of every bar, e.g. "phase 1: "; empty for none.</param>
public sealed class PipelineProgressBars(IStageProgress progress, string prefix = "") : IProgress<PipelineProgress>, IDisposable
{
    private readonly Lock _lock = new();
    private string? _stage;
    private IStage? _bar;
    private string? _detail;

    /// <inheritdoc/>
    public void Report(PipelineProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            if (value.Stage != _stage)
            {
                _bar?.Complete();
                var (name, unit) = StageNames.Describe(value.Stage);
                _stage = value.Stage;
                _detail = null;
                _bar = progress.Begin(prefix + name, value.Total, unit);
            }

            // The held-out stage restarts its count per arm: show the arm, so the bar's resets read right.
            _detail = value.Detail ?? _detail;
            _bar!.Report(value.Done, value.Total, _detail);
        }
    }

    /// <summary>Closes the last bar.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _bar?.Complete();
            _bar = null;
            _stage = null;
        }
    }
}
