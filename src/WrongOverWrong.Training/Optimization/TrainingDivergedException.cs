namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Thrown when a loss or gradient norm becomes NaN or infinite. Training stops before the bad
/// update is applied and before any checkpoint is written, so the last good checkpoint stays intact.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception for a step.</summary>
    /// <param name="step">The 1-based optimizer step whose loss was not finite.</param>
    /// <param name="quantity">What was not finite (for example <c>loss</c>).</param>
    /// <param name="value">The offending value.</param>
    /// <param name="lastCheckpoint">The newest checkpoint folder, if any.</param>
    public TrainingDivergedException(int step, string quantity, double value, string? lastCheckpoint)
        : base($"Training diverged at optimizer step {step}: the {quantity} is {value}. Nothing from this step was applied; "
            + (lastCheckpoint is null ? "no checkpoint had been written." : $"the last good checkpoint is '{lastCheckpoint}'."))
    {
        Step = step;
        LastCheckpoint = lastCheckpoint;
    }

    /// <summary>The 1-based optimizer step whose loss was not finite.</summary>
    public int Step { get; }

    /// <summary>The newest checkpoint folder, if any.</summary>
    public string? LastCheckpoint { get; }
}
