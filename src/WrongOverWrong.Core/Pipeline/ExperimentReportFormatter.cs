using System.Globalization;
using System.Text;
using WrongOverWrong.Harness;
using WrongOverWrong.Pipeline.Reports;

namespace WrongOverWrong.Pipeline;

/// <summary>Renders an <see cref="ExperimentReport"/> as Markdown tables (plain text that reads well in a terminal too).</summary>
public static class ExperimentReportFormatter
{
    /// <summary>The whole report: pairing, Acc_WoW, training sets, the phase-2 table, notes and timings.</summary>
    /// <param name="report">The report.</param>
    public static string ToMarkdown(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"# Wrong-over-wrong: {report.Task}, generator {report.Generator}");
        b.AppendLine();
        if (report.GradingRule is { } rule)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"Grading rule: {rule} ({(rule == Tasks.GradingRule.Strict ? "a stated path or assignment must be valid" : "the paper's: the stated number alone")}).");
            b.AppendLine();
        }

        b.AppendLine(CultureInfo.InvariantCulture, $"Training questions {report.TrainingQuestions}; held-out: {report.ValidationQuestions} validation, {report.TestQuestions} test.");
        b.AppendLine();
        b.AppendLine("## Pairing");
        b.AppendLine();
        b.AppendLine(report.Pairing.ToString());
        b.AppendLine();
        if (report.Elicitation.Count > 0)
        {
            b.AppendLine("## Phase 1: Acc_WoW");
            b.AppendLine();
            b.Append(FormatElicitation(report.Elicitation));
            b.AppendLine();
        }

        if (report.TrainingSets.Count > 0)
        {
            b.AppendLine("## Training sets");
            b.AppendLine();
            b.AppendLine("| source | available | used | agrees with oracle | trainable |");
            b.AppendLine("|---|---:|---:|---:|---|");
            foreach (var t in report.TrainingSets)
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"| {t.Source} | {t.Available} | {t.Used} | {F(t.AgreementWithOracle)} | {(t.Trainable ? "yes" : "no")} |");
            }

            b.AppendLine();
        }

        if (report.Arms.Count > 0)
        {
            b.AppendLine("## Phase 2: test questions");
            b.AppendLine();
            b.Append(FormatArms(report.Arms, transfer: false));
            if (report.TransferTask is { } transfer)
            {
                b.AppendLine();
                b.AppendLine(CultureInfo.InvariantCulture, $"### Transfer to {transfer}");
                b.AppendLine();
                b.Append(FormatArms(report.Arms, transfer: true));
            }

            if (report.Arms.Any(a => a.DeltaToRandomControl is not null))
            {
                b.AppendLine();
                b.AppendLine("### Preference arms minus their random-preference control (paired)");
                b.AppendLine();
                b.Append(FormatVersusRandomControl(report.Arms));
            }

            b.AppendLine();
        }

        if (report.Notes.Count > 0)
        {
            b.AppendLine("## Notes");
            b.AppendLine();
            foreach (var note in report.Notes)
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }

            b.AppendLine();
        }

        if (report.Timings.Count > 0)
        {
            b.AppendLine("## Timings");
            b.AppendLine();
            b.AppendLine(string.Join("; ", report.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Stage} {t.Seconds:0.0} s{(t.Resumed ? " (resumed)" : "")}"))));
        }

        return b.ToString();
    }

    /// <summary>The Acc_WoW table: one row per (elicitor, margin) with interval, kept pairs, ties and abstentions.</summary>
    /// <param name="rows">The phase-1 reports.</param>
    public static string FormatElicitation(IReadOnlyList<ElicitationReport> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var b = new StringBuilder();
        b.AppendLine("| elicitor | margin | Acc_WoW | 95% CI | kept | ties | abstained | excl. ties |");
        b.AppendLine("|---|---|---:|---|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            if (!r.Applicable)
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"| {r.Elicitor} | {r.Margin} | n/a | | | | {r.Abstentions} | |");
                continue;
            }

            b.AppendLine(CultureInfo.InvariantCulture, $"| {r.Elicitor} | {r.Margin} | {F(r.AccWow)} | {Ci(r.CiLower, r.CiUpper)} | {r.KeptPairs} | {r.Ties} | {r.Abstentions} | {F(r.AccWowExcludingTies)} |");
        }

        return b.ToString();
    }

    /// <summary>The phase-2 table: base, arms and controls with p_wrong, Acc, ECE, mean confidence, MCE, Brier, parsable share and deltas to base.</summary>
    /// <param name="arms">The arm rows.</param>
    /// <param name="transfer">Whether to show the transfer-task metrics instead of the test metrics.</param>
    public static string FormatArms(IReadOnlyList<ArmReport> arms, bool transfer = false)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var b = new StringBuilder();
        b.AppendLine("| arm | kind | pairs | parsable | p_wrong | Acc | ECE | mean conf | MCE | Brier | Δp_wrong | ΔAcc | ΔECE | note |");
        b.AppendLine("|---|---|---:|---:|---|---|---|---|---:|---|---|---|---|---|");
        foreach (var a in arms)
        {
            var e = transfer ? a.Transfer : a.Test;
            var d = transfer ? a.TransferDeltaToBase : a.DeltaToBase;
            if (e is null)
            {
                continue;
            }

            var note = a.Collapsed ? "COLLAPSED" + (a.Note is null ? "" : ": " + a.Note) : a.Note ?? "";
            b.AppendLine(CultureInfo.InvariantCulture,
                $"| {a.Arm} | {Kind(a.Kind)} | {a.TrainingExamples} | {F(e.ParsableShare.Value)} | {E(e.PWrong)} | {E(e.Accuracy)} | {E(e.Ece)} | {E(e.MeanConfidence)} | {F(e.Mce.Value)} | {E(e.Brier)} | {D(d?.PWrong)} | {D(d?.Accuracy)} | {D(d?.Ece)} | {note} |");
        }

        return b.ToString();
    }

    /// <summary>
    /// Each preference arm minus its own random-preference control (same answers and steps, only the
    /// pair order differs), on the test questions and, when one ran, the transfer task.
    /// </summary>
    /// <param name="arms">The arm rows.</param>
    public static string FormatVersusRandomControl(IReadOnlyList<ArmReport> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var b = new StringBuilder();
        b.AppendLine("| arm | questions | Δp_wrong | ΔAcc | ΔECE | Δmean cor |");
        b.AppendLine("|---|---|---|---|---|---|");
        foreach (var a in arms)
        {
            foreach (var (set, d) in new[] { ("test", a.DeltaToRandomControl), ("transfer", a.TransferDeltaToRandomControl) })
            {
                if (d is not null)
                {
                    b.AppendLine(CultureInfo.InvariantCulture, $"| {a.Arm} | {set} | {D(d.PWrong)} | {D(d.Accuracy)} | {D(d.Ece)} | {D(d.MeanCor)} |");
                }
            }
        }

        return b.ToString();
    }

    private static string Kind(ArmKind kind) => kind switch
    {
        ArmKind.Base => "base",
        ArmKind.Preference => "preference",
        ArmKind.RandomPreferenceControl => "random control",
        ArmKind.SftControl => "SFT control",
        _ => kind.ToString(),
    };

    private static string F(double v) => double.IsNaN(v) ? "–" : v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Ci(double lower, double upper) =>
        double.IsNaN(lower) ? "" : string.Create(CultureInfo.InvariantCulture, $"[{lower:0.000}, {upper:0.000}]");

    private static string E(Estimate e) => double.IsNaN(e.Value) ? "–" : $"{F(e.Value)} {Ci(e.Lower, e.Upper)}".TrimEnd();

    private static string D(Estimate? e) => e is null || double.IsNaN(e.Value)
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"{e.Value:+0.000;-0.000;0.000} {Ci(e.Lower, e.Upper)}").TrimEnd();
}
