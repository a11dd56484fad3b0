namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>What <see cref="NLGraphLoader"/> does with a gold answer that disagrees with the exact solver.</summary>
public enum NLGraphGoldCheckMode
{
    /// <summary>
    /// Fail the load with an <see cref="InvalidDataException"/> naming the file, the question id,
    /// the gold value and the solver's value (the default: a wrong gold answer means the file or
    /// the parser is wrong, and grades would silently disagree with the benchmark).
    /// </summary>
    Error,

    /// <summary>
    /// Keep every question (grades come from the solver, not the gold answer) and list each
    /// disagreement in <see cref="NLGraphLoadResult.GoldDisagreements"/>.
    /// </summary>
    Report,

    /// <summary>Do not check (for files whose gold answers are known to be absent or free-form).</summary>
    Off,
}
