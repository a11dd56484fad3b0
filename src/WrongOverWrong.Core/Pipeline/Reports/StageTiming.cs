namespace WrongOverWrong.Pipeline.Reports;

/// <summary>How long one stage took in this process, and whether it was read back from the run folder.</summary>
/// <param name="Stage">The stage name (see <see cref="PipelineStages"/>).</param>
/// <param name="Seconds">Wall-clock seconds in this process.</param>
/// <param name="Resumed">Whether the stage's output was complete on disk and read back instead of computed.</param>
public sealed record StageTiming(string Stage, double Seconds, bool Resumed);
