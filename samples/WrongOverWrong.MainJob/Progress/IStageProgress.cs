namespace WrongOverWrong.MainJob.Progress;

/// <summary>Shows the job's stages as they run: one bar (or one line stream) per stage, with counts and ETA.</summary>
public interface IStageProgress
{
    /// <summary>Starts a stage of <paramref name="total"/> units (questions, pairs, steps).</summary>
    /// <param name="name">What the stage does, e.g. "sampling train answers".</param>
    /// <param name="total">Units of work; 0 when not known yet.</param>
    /// <param name="unit">What a unit is, e.g. "questions".</param>
    IStage Begin(string name, int total, string unit);

    /// <summary>Writes one line of information between the bars.</summary>
    void Note(string line);
}

/// <summary>One running stage.</summary>
public interface IStage : IDisposable
{
    /// <summary>Sets how far the stage is; <paramref name="total"/> replaces the total when it changes.</summary>
    /// <param name="done">Units done.</param>
    /// <param name="total">Units in all, or null to keep the total.</param>
    /// <param name="detail">A short extra, e.g. "loss 0.41", or null.</param>
    void Report(int done, int? total = null, string? detail = null);

    /// <summary>Marks the stage done.</summary>
    void Complete();
}
