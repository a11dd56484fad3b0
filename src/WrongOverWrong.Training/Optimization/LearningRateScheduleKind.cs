namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// How the learning rate changes over training (Hugging Face's <c>lr_scheduler_type</c>); every
/// kind starts with a linear warmup from zero.
/// </summary>
public enum LearningRateScheduleKind
{
    /// <summary>Half a cosine from the peak down to zero after warmup (the paper's choice).</summary>
    Cosine,

    /// <summary>Linear decay from the peak to zero after warmup.</summary>
    Linear,

    /// <summary>Constant at the peak after warmup.</summary>
    Constant,

    /// <summary>Cosine decay to zero restarted (hard restarts) a given number of times.</summary>
    CosineWithRestarts,
}
