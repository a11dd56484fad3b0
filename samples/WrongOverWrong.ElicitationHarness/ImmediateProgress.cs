namespace WrongOverWrong.Samples.ElicitationRunner;

/// <summary>
/// Applies each report at once on the reporting thread. <see cref="Progress{T}"/> would post to a
/// synchronization context that a console program does not have; Spectre's progress tasks lock
/// internally, so updating them from worker threads is safe.
/// </summary>
internal sealed class ImmediateProgress<T>(Action<T> apply) : IProgress<T>
{
    public void Report(T value) => apply(value);
}
