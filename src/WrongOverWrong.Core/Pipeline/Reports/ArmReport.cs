namespace WrongOverWrong.Pipeline.Reports;

/// <summary>One row of the phase-2 table: a model (base, aligned arm or control) evaluated on the test questions.</summary>
public sealed record ArmReport
{
    /// <summary>The arm's name (folder name under <c>arms/</c>; <c>base</c> for the base model).</summary>
    public required string Arm { get; init; }

    /// <summary>What the arm is.</summary>
    public required ArmKind Kind { get; init; }

    /// <summary>The training-set source (<c>oracle-wow</c>, <c>logprob@M_50</c>, ...); <see langword="null"/> for the base.</summary>
    public string? Source { get; init; }

    /// <summary>The optimizer (<c>dpo</c>, <c>ipo</c>, <c>sft</c>, ...); <see langword="null"/> for the base.</summary>
    public string? Optimizer { get; init; }

    /// <summary>For a control, the real arm it sits beside.</summary>
    public string? ControlOf { get; init; }

    /// <summary>Training pairs (or SFT examples) used; 0 for the base.</summary>
    public int TrainingExamples { get; init; }

    /// <summary>The learning rate picked (by validation mean cor when a grid ran).</summary>
    public double? LearningRate { get; init; }

    /// <summary>The epochs picked.</summary>
    public int? Epochs { get; init; }

    /// <summary>Validation mean cor of the picked grid point; <see langword="null"/> when no selection ran.</summary>
    public double? ValidationMeanCor { get; init; }

    /// <summary>Every grid point tried, with its validation mean cor.</summary>
    public IReadOnlyList<GridPointReport> Grid { get; init; } = [];

    /// <summary>The metrics on the test questions.</summary>
    public required AnswerEvaluation Test { get; init; }

    /// <summary>Differences to the base model with paired intervals; <see langword="null"/> for the base.</summary>
    public DeltaToBase? DeltaToBase { get; init; }

    /// <summary>
    /// Whether the arm collapsed: its parsable share fell below <see cref="ExperimentOptions.CollapseParsableShare"/>
    /// (or below half the base's). Its p_wrong, Acc and ECE then mostly encode unparsable answers.
    /// </summary>
    public bool Collapsed { get; init; }

    /// <summary>A note for the reader (collapse, training stopped early, adapters reloaded, ...).</summary>
    public string? Note { get; init; }

    /// <summary>Metrics on the transfer task, when a transfer evaluation ran.</summary>
    public AnswerEvaluation? Transfer { get; init; }

    /// <summary>Transfer-task differences to the base model, when a transfer evaluation ran.</summary>
    public DeltaToBase? TransferDeltaToBase { get; init; }

    /// <summary>
    /// For a preference arm with a random-preference control: the arm's metrics minus its control's on
    /// the same test questions, paired the same way as <see cref="DeltaToBase"/>. Both trained on the
    /// same answers for the same steps, so this is what the preferences' order bought beyond the extra
    /// training. <see langword="null"/> for the base, the controls, and arms without a control.
    /// </summary>
    public DeltaToBase? DeltaToRandomControl { get; init; }

    /// <summary>Transfer-task differences to the random-preference control, when both ran.</summary>
    public DeltaToBase? TransferDeltaToRandomControl { get; init; }
}
