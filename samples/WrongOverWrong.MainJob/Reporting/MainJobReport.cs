namespace WrongOverWrong.MainJob.Reporting;

/// <summary>What one run of the main job found, in the form the console, JSON, Markdown and charts show.</summary>
public sealed record MainJobReport
{
    /// <summary>The run's settings, as name and value.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; }

    /// <summary>Plain statements the reader needs (what the model was trained on, collapsed arms, caveats).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Acc_WoW per elicitor and margin.</summary>
    public IReadOnlyList<AccWowRow> AccWow { get; init; } = [];

    /// <summary>p_wrong, Acc, ECE per arm and evaluation set.</summary>
    public IReadOnlyList<ArmRow> Arms { get; init; } = [];

    /// <summary>Reliability diagrams per arm and evaluation set.</summary>
    public IReadOnlyList<ReliabilitySeries> Reliability { get; init; } = [];

    /// <summary>Pairing counts (answers, parsable, pairs kept, dropped and why, preferences per arm).</summary>
    public IReadOnlyList<NamedValue> Counts { get; init; } = [];

    /// <summary>Parsable shares per stage and arm.</summary>
    public IReadOnlyList<NamedValue> ParsableShares { get; init; } = [];

    /// <summary>
    /// With a learning-rate/epochs grid: each arm's grid points with their validation mean cor (the
    /// picked one marked); empty when a single point trained.
    /// </summary>
    public IReadOnlyList<NamedValue> ModelSelection { get; init; } = [];

    /// <summary>Seconds per stage.</summary>
    public IReadOnlyList<NamedValue> Timings { get; init; } = [];

    /// <summary>The one-line verdict on the paper's two claims.</summary>
    public required string Verdict { get; init; }
}
