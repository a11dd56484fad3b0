namespace WrongOverWrong.MainJob.Reporting;

/// <summary>How one arm (base, an aligned arm or a control) did on one evaluation set.</summary>
/// <param name="EvaluationSet">The questions, e.g. "synthetic held-out" or "NLGraph shortest_path.json".</param>
/// <param name="Arm">Arm name: base, wow-oracle, wow-consistency, random, sft, ...</param>
/// <param name="Kind">One of <see cref="ArmKinds"/>: base, wow, row, random-control, sft-control.</param>
/// <param name="Answers">Answers graded.</param>
/// <param name="Parsable">Share of answers the oracle could read.</param>
/// <param name="PWrong">Mean oracle proxy of the wrong answers (higher = less wrong), with CI.</param>
/// <param name="Accuracy">Share of correct answers, with CI.</param>
/// <param name="Ece">Expected calibration error of exp(mean token log-prob) as confidence (lower = better), with CI.</param>
/// <param name="DeltaPWrong">p_wrong minus the base model's on the same set (null for base).</param>
/// <param name="DeltaAccuracy">Acc minus the base model's.</param>
/// <param name="DeltaEce">ECE minus the base model's.</param>
/// <param name="Collapsed">Whether the arm's parsable share fell so far that its numbers are not a result.</param>
/// <param name="ControlOf">For a control arm: the arm it controls; otherwise null.</param>
/// <param name="RandomDeltaPWrong">For an aligned arm with a random-preference control: p_wrong minus the control's (paired); otherwise null.</param>
/// <param name="RandomDeltaAccuracy">Acc minus the random control's.</param>
/// <param name="RandomDeltaEce">ECE minus the random control's.</param>
/// <param name="MeanConfidence">Mean confidence, exp(mean token log-prob), with CI: beside Acc it shows where ECE comes from (null when unknown).</param>
public sealed record ArmRow(
    string EvaluationSet,
    string Arm,
    string Kind,
    int Answers,
    double Parsable,
    Estimate PWrong,
    Estimate Accuracy,
    Estimate Ece,
    Estimate? DeltaPWrong,
    Estimate? DeltaAccuracy,
    Estimate? DeltaEce,
    bool Collapsed,
    string? ControlOf = null,
    Estimate? RandomDeltaPWrong = null,
    Estimate? RandomDeltaAccuracy = null,
    Estimate? RandomDeltaEce = null,
    Estimate? MeanConfidence = null);
