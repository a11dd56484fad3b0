using WrongOverWrong.MainJob.Progress;
using WrongOverWrong.Pipeline;

namespace WrongOverWrong.MainJob.Run;

/// <summary>
/// Feeds the pipeline's (stage, done, total) reports into one bar per stage. A bar opens on its
/// stage's first report and closes when a later stage begins, except that training and held-out
/// sampling alternate arm by arm, so a training report does not close the sampling bar and the
/// other way round; whatever is open closes when the run ends. Reports come from worker threads.
/// </summary>
/// <param name="progress">The bars.</param>
/// <param name="prefix">Prefix of every bar, e.g. "phase 1: "; empty for none.</param>
public sealed class PipelineProgressBars(IStageProgress progress, string prefix = "") : IProgress<PipelineProgress>, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (IStage Bar, string? Detail)> _open = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public void Report(PipelineProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            int order = Order(value.Stage);
            foreach (string stage in _open.Keys.Where(s => Order(s) < order && !Alternate(s, value.Stage)).ToList())
            {
                _open[stage].Bar.Complete();
                _open.Remove(stage);
            }

            if (!_open.TryGetValue(value.Stage, out var entry))
            {
                var (name, unit) = StageNames.Describe(value.Stage);
                entry = (progress.Begin(prefix + name, value.Total, unit), null);
            }

            entry.Detail = value.Detail ?? entry.Detail;
            _open[value.Stage] = entry;
            entry.Bar.Report(value.Done, value.Total, entry.Detail);
        }
    }

    /// <summary>Closes every open bar.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (bar, _) in _open.Values)
            {
                bar.Complete();
            }

            _open.Clear();
        }
    }

    private static int Order(string stage)
    {
        int index = PipelineStages.All.ToList().IndexOf(stage);
        return index < 0 ? int.MaxValue : index;
    }

    private static bool Alternate(string open, string now) =>
        (open, now) is (PipelineStages.Train, PipelineStages.SampleEvaluation) or (PipelineStages.SampleEvaluation, PipelineStages.Train);
}
