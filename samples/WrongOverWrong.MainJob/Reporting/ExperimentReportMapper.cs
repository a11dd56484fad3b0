using System.Globalization;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Pipeline.Reports;
using PipelineEstimate = WrongOverWrong.Pipeline.Reports.Estimate;

namespace WrongOverWrong.MainJob.Reporting;

/// <summary>Turns the pipeline's <see cref="ExperimentReport"/> into the main job's report (tables, charts, verdict).</summary>
public static class ExperimentReportMapper
{
    /// <summary>Maps the report.</summary>
    /// <param name="report">The pipeline's report.</param>
    /// <param name="settings">The run's settings as name and value.</param>
    /// <param name="notes">The job's own notes, shown before the pipeline's.</param>
    /// <param name="testSet">What the test questions are called, e.g. "synthetic test (20 q.)".</param>
    /// <param name="transferSet">What the transfer questions are called, or null when none ran.</param>
    /// <param name="timings">The job's own timings (model loading, rendering), shown after the pipeline's stages.</param>
    public static MainJobReport Map(
        ExperimentReport report,
        IReadOnlyList<KeyValuePair<string, string>> settings,
        IReadOnlyList<string> notes,
        string testSet,
        string? transferSet,
        IReadOnlyList<NamedValue> timings)
    {
        ArgumentNullException.ThrowIfNull(report);
        var accWow = report.Elicitation
            .Where(e => e.Applicable)
            .Select(e => new AccWowRow(e.Elicitor, e.Margin, new Estimate(e.AccWow, e.CiLower, e.CiUpper), e.KeptPairs, e.Ties, e.Abstentions))
            .ToList();
        var arms = new List<ArmRow>();
        var reliability = new List<ReliabilitySeries>();
        foreach (var arm in report.Arms)
        {
            arms.Add(Row(testSet, arm, arm.Test, arm.DeltaToBase, arm.DeltaToRandomControl));
            reliability.Add(Series(testSet, arm.Arm, arm.Test));
        }

        if (transferSet is not null)
        {
            foreach (var arm in report.Arms.Where(a => a.Transfer is not null))
            {
                arms.Add(Row(transferSet, arm, arm.Transfer!, arm.TransferDeltaToBase, arm.TransferDeltaToRandomControl));
                reliability.Add(Series(transferSet, arm.Arm, arm.Transfer!));
            }
        }

        var pairing = report.Pairing;
        var counts = new List<NamedValue>
        {
            new("train answers", "questions", pairing.Questions),
            new("train answers", "answers", pairing.Candidates),
            new("train answers", "unparsable", pairing.UnparsableCandidates),
            new("pairs", "wrong-over-wrong formed", pairing.WrongOverWrongFormed),
            new("pairs", "right-over-wrong formed", pairing.RightOverWrongFormed),
            new("pairs", "dropped: unparsable", pairing.DroppedUnparsable),
            new("pairs", "dropped: equal oracle value", pairing.DroppedTies),
            new("pairs", "dropped: both correct", pairing.DroppedBothCorrect),
            new("pairs", "dropped: over the cap", pairing.DroppedByCap),
            new("pairs", "kept", pairing.Kept),
        };
        foreach (var set in report.TrainingSets)
        {
            counts.Add(new("training set " + set.Source, "pairs available", set.Available));
            counts.Add(new("training set " + set.Source, "pairs used" + (set.Trainable ? string.Empty : " (too few: not trained)"), set.Used));
            counts.Add(new("training set " + set.Source, "agreement with oracle", set.AgreementWithOracle, "share"));
        }

        var parsable = new List<NamedValue>
        {
            new("train answers", "parsable", pairing.Candidates == 0 ? double.NaN : 1 - (double)pairing.UnparsableCandidates / pairing.Candidates, "share"),
        };
        parsable.AddRange(arms.Select(a => new NamedValue(a.EvaluationSet, a.Arm, a.Parsable, "share")));

        var selection = report.Arms
            .SelectMany(a => a.Grid.Select(g => new NamedValue(
                a.Arm,
                string.Create(CultureInfo.InvariantCulture, $"lr {g.LearningRate:G3}, {g.Epochs} epoch(s){(g.Picked ? " (picked)" : string.Empty)}: validation mean cor"),
                g.ValidationMeanCor,
                "score")))
            .ToList();

        var allTimings = report.Timings
            .Select(t => new NamedValue("pipeline", t.Stage + (t.Resumed ? " (resumed)" : string.Empty), t.Seconds, "s"))
            .Concat(timings)
            .ToList();
        return new MainJobReport
        {
            Settings = settings,
            Notes = [.. notes, .. report.Notes],
            AccWow = accWow,
            Arms = arms,
            Reliability = reliability,
            Counts = counts,
            ParsableShares = parsable,
            ModelSelection = selection,
            Timings = allTimings,
            Verdict = ClaimsVerdict.Compute(accWow, arms),
        };
    }

    /// <summary>The report's kind of an arm: WoW for oracle, elicited and mixed preferences; row for right-over-wrong only.</summary>
    /// <param name="arm">The pipeline's arm.</param>
    public static string Kind(ArmReport arm)
    {
        ArgumentNullException.ThrowIfNull(arm);
        return arm.Kind switch
        {
            ArmKind.Base => ArmKinds.Base,
            ArmKind.RandomPreferenceControl => ArmKinds.RandomControl,
            ArmKind.SftControl => ArmKinds.SftControl,
            _ when string.Equals(arm.Source, TrainingSource.RightOverWrong.Name, StringComparison.Ordinal) => ArmKinds.RightOverWrong,
            _ => ArmKinds.WoW,
        };
    }

    private static ArmRow Row(string set, ArmReport arm, AnswerEvaluation e, DeltaToBase? delta, DeltaToBase? toRandom) =>
        new(
            set,
            arm.Arm,
            Kind(arm),
            e.Answers,
            e.ParsableShare.Value,
            Convert(e.PWrong),
            Convert(e.Accuracy),
            Convert(e.Ece),
            delta is null ? null : Convert(delta.PWrong),
            delta is null ? null : Convert(delta.Accuracy),
            delta is null ? null : Convert(delta.Ece),
            arm.Collapsed,
            arm.ControlOf,
            toRandom is null ? null : Convert(toRandom.PWrong),
            toRandom is null ? null : Convert(toRandom.Accuracy),
            toRandom is null ? null : Convert(toRandom.Ece),
            double.IsNaN(e.MeanConfidence.Value) ? null : Convert(e.MeanConfidence));

    private static ReliabilitySeries Series(string set, string arm, AnswerEvaluation e) =>
        new(set, arm, e.ReliabilityBins.Where(b => b.Count > 0).Select(b => new ReliabilityPoint(b.Lower, b.Upper, b.MeanConfidence, b.Accuracy, b.Count)).ToList());

    private static Estimate Convert(PipelineEstimate e) => new(e.Value, e.Lower, e.Upper);

    /// <summary>"20 questions" in the invariant culture.</summary>
    /// <param name="count">The count.</param>
    public static string Questions(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " question" : " questions");
}
