using WrongOverWrong.Metrics.Confidence;

namespace WrongOverWrong.Pipeline.Reports;

/// <summary>
/// The paper's phase-2 metrics of one model on one question set (PAPER.md, "Phase 2"), each with a
/// bootstrap interval over questions. Produced by <see cref="AnswerSetEvaluator.Evaluate"/> only.
/// </summary>
public sealed record AnswerEvaluation
{
    /// <summary>Questions evaluated.</summary>
    public required int Questions { get; init; }

    /// <summary>Answers evaluated (all samples, unparsable ones included as cor 0, wrong).</summary>
    public required int Answers { get; init; }

    /// <summary>Answers with a parsable final answer.</summary>
    public required int ParsableAnswers { get; init; }

    /// <summary>
    /// Share of answers with a parsable final answer. A collapsed model shows here first: its other
    /// metrics are then mostly the encoding of unparsable answers (cor 0, wrong), not a result.
    /// </summary>
    public required Estimate ParsableShare { get; init; }

    /// <summary>p_wrong: mean cor over the wrong answers (higher is less wrong).</summary>
    public required Estimate PWrong { get; init; }

    /// <summary>Acc: share of correct answers.</summary>
    public required Estimate Accuracy { get; init; }

    /// <summary>Mean cor over all answers (the model-selection criterion).</summary>
    public required Estimate MeanCor { get; init; }

    /// <summary>ECE over answers with a confidence (conf = exp(mean token log-prob)), 10 equal-width bins.</summary>
    public required Estimate Ece { get; init; }

    /// <summary>
    /// Mean confidence (exp(mean token log-prob)) over the answers that have one. Beside
    /// <see cref="Accuracy"/> it explains <see cref="Ece"/>: when every answer has a confidence and
    /// every bin is overconfident, ECE is mean confidence minus Acc, and only more correct or less
    /// confident answers lower it. Undefined when no answer has a confidence, and in reports
    /// written before it existed (it is optional so that those still read).
    /// </summary>
    public Estimate MeanConfidence { get; init; } = Estimate.Undefined;

    /// <summary>MCE: the worst bin's gap (no interval).</summary>
    public required Estimate Mce { get; init; }

    /// <summary>Brier score of confidence against correctness.</summary>
    public required Estimate Brier { get; init; }

    /// <summary>Answers without a confidence (no log-probabilities); they are left out of ECE, mean confidence, MCE and Brier.</summary>
    public required int AnswersWithoutConfidence { get; init; }

    /// <summary>The reliability bins behind ECE (empty bins included with NaN means).</summary>
    public required IReadOnlyList<ReliabilityBin> ReliabilityBins { get; init; }
}
