using System.Globalization;

namespace WrongOverWrong.MainJob.Reporting;

/// <summary>
/// The one-line verdict on the paper's two claims, measured in this run:
/// (1) some elicitor's Acc_WoW is above 0.5 with a 95% CI that excludes 0.5;
/// (2) an arm aligned on wrong-over-wrong preferences is less wrong (higher p_wrong) and better
/// calibrated (lower ECE) than the base model and than the random-preference control.
/// </summary>
public static class ClaimsVerdict
{
    /// <summary>The verdict line.</summary>
    /// <param name="accWow">Acc_WoW rows.</param>
    /// <param name="arms">Arm rows; the first evaluation set is the one judged.</param>
    public static string Compute(IReadOnlyList<AccWowRow> accWow, IReadOnlyList<ArmRow> arms)
    {
        ArgumentNullException.ThrowIfNull(accWow);
        ArgumentNullException.ThrowIfNull(arms);
        return $"Claim 1 (Acc_WoW > 0.5, CI excludes 0.5): {FirstClaim(accWow)}. Claim 2 (WoW arm less wrong and better calibrated than base and random): {SecondClaim(arms)}.";
    }

    private static string FirstClaim(IReadOnlyList<AccWowRow> rows)
    {
        if (rows.Count == 0)
        {
            return "not measured (no wrong-over-wrong pairs)";
        }

        var held = rows.Where(r => r.AccWow.ExcludesFromAbove(0.5)).ToList();
        if (held.Count > 0)
        {
            var best = held.MaxBy(r => r.AccWow.Lower)!;
            return string.Create(CultureInfo.InvariantCulture, $"HELD for {string.Join(", ", held.Select(r => $"{r.Elicitor}@{r.Margin}"))} (best {best.Elicitor}@{best.Margin} {best.AccWow.Format()})");
        }

        var top = rows.Where(r => !double.IsNaN(r.AccWow.Value)).MaxBy(r => r.AccWow.Value);
        return top is null
            ? "not measured"
            : string.Create(CultureInfo.InvariantCulture, $"NOT shown (best {top.Elicitor}@{top.Margin} {top.AccWow.Format()}: CI does not exclude 0.5)");
    }

    private static string SecondClaim(IReadOnlyList<ArmRow> rows)
    {
        if (rows.Count == 0)
        {
            return "not measured";
        }

        string set = rows[0].EvaluationSet;
        var inSet = rows.Where(r => r.EvaluationSet == set).ToList();
        var baseArm = inSet.FirstOrDefault(r => r.Kind == ArmKinds.Base);
        var wow = inSet.Where(r => r.Kind == ArmKinds.WoW).ToList();
        if (baseArm is null)
        {
            return $"not measured (no base model on {set})";
        }

        if (wow.Count == 0)
        {
            return "not measured (no arm was aligned on wrong-over-wrong preferences: right-over-wrong arms do not test it)";
        }

        var usable = wow.Where(r => !r.Collapsed).ToList();
        if (usable.Count == 0)
        {
            return $"NOT shown: every aligned arm collapsed (parsable share fell) on {set}";
        }

        ArmRow? RandomOf(ArmRow arm) =>
            inSet.FirstOrDefault(r => r.Kind == ArmKinds.RandomControl && r.ControlOf == arm.Arm)
            ?? inSet.FirstOrDefault(r => r.Kind == ArmKinds.RandomControl && r.ControlOf is null);

        bool Beats(ArmRow arm, ArmRow other) => arm.PWrong.Value > other.PWrong.Value && arm.Ece.Value < other.Ece.Value;
        var held = usable.Where(w => Beats(w, baseArm) && (RandomOf(w) is not { Collapsed: false } random || Beats(w, random))).ToList();
        if (held.Count == 0)
        {
            var best = usable.MaxBy(w => w.PWrong.Value)!;
            return string.Create(CultureInfo.InvariantCulture, $"NOT shown on {set} (best arm {best.Arm}: p_wrong {best.PWrong.Value:0.000} vs base {baseArm.PWrong.Value:0.000}{Versus(RandomOf(best), r => r.PWrong.Value)}, ECE {best.Ece.Value:0.000} vs base {baseArm.Ece.Value:0.000}{Versus(RandomOf(best), r => r.Ece.Value)})");
        }

        var arm = held.MaxBy(w => w.PWrong.Value)!;
        var control = RandomOf(arm);
        string against = control is null ? "base (no random control run)" : control.Collapsed ? "base (its random control collapsed)" : "base and random";
        string toBase = Significant(arm.DeltaPWrong, arm.DeltaEce)
            ? "the CIs of both deltas to base exclude 0"
            : "point estimates only: a CI of the deltas to base includes 0";
        string toRandom = arm.RandomDeltaPWrong is null || control is null || control.Collapsed
            ? string.Empty
            : Significant(arm.RandomDeltaPWrong, arm.RandomDeltaEce) ? "; both paired deltas to random exclude 0" : "; a CI of the paired deltas to random includes 0";
        return string.Create(CultureInfo.InvariantCulture, $"HELD on {set} vs {against} for {string.Join(", ", held.Select(h => h.Arm))} ({arm.Arm}: p_wrong {arm.PWrong.Value:0.000} vs base {baseArm.PWrong.Value:0.000}{Versus(control, r => r.PWrong.Value)}, ECE {arm.Ece.Value:0.000} vs base {baseArm.Ece.Value:0.000}{Versus(control, r => r.Ece.Value)}; {toBase}{toRandom})");
    }

    // Less wrong (delta p_wrong's CI above 0) and better calibrated (delta ECE's CI below 0).
    private static bool Significant(Estimate? pWrong, Estimate? ece) =>
        pWrong is { } dp && dp.ExcludesFromAbove(0) && ece is { } de && !double.IsNaN(de.Upper) && de.Upper < 0;

    private static string Versus(ArmRow? control, Func<ArmRow, double> metric) =>
        control is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", random {metric(control):0.000}");
}
