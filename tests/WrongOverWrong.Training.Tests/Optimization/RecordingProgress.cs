namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>
/// Collects reports synchronously on the training thread (unlike Progress&lt;T&gt;, which posts),
/// and runs an optional callback there, so tests can act between steps.
/// </summary>
internal sealed class RecordingProgress(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
