using WrongOverWrong.MainJob.Reporting;

namespace WrongOverWrong.MainJob.Tests;

/// <summary>Hand-made reports for the renderer and verdict tests.</summary>
internal static class SampleReports
{
    public static AccWowRow AccWow(string elicitor, string margin, double value, double lower, double upper) =>
        new(elicitor, margin, new Estimate(value, lower, upper), 100, 3, 0);

    public static ArmRow Arm(string arm, string kind, double pWrong, double acc, double ece, bool collapsed = false, string set = "synthetic held-out") =>
        new(set, arm, kind, 200, collapsed ? 0.1 : 0.99,
            new Estimate(pWrong, pWrong - 0.05, pWrong + 0.05),
            new Estimate(acc, acc - 0.04, acc + 0.04),
            new Estimate(ece, ece - 0.03, ece + 0.03),
            kind == ArmKinds.Base ? null : new Estimate(pWrong - 0.5, pWrong - 0.55, pWrong - 0.45),
            null,
            kind == ArmKinds.Base ? null : new Estimate(ece - 0.6, ece - 0.65, ece - 0.55),
            collapsed,
            MeanConfidence: new Estimate(acc + ece, acc + ece - 0.02, acc + ece + 0.02));

    public static MainJobReport Full()
    {
        AccWowRow[] acc =
        [
            AccWow("consistency", "M_100", 0.52, 0.48, 0.56), AccWow("consistency", "M_50", 0.67, 0.60, 0.72), AccWow("consistency", "M_10", 0.76, 0.62, 0.83),
            AccWow("logprob", "M_100", 0.58, 0.55, 0.61), AccWow("logprob", "M_50", 0.58, 0.54, 0.62), AccWow("logprob", "M_10", 0.63, 0.54, 0.72),
            AccWow("length", "M_100", 0.20, 0.17, 0.23), AccWow("length", "M_50", 0.40, 0.35, 0.45), AccWow("length", "M_10", 0.36, 0.25, 0.47),
        ];
        ArmRow[] arms =
        [
            Arm("base", ArmKinds.Base, 0.50, 0.30, 0.60),
            Arm("oracle-wow", ArmKinds.WoW, 0.56, 0.33, 0.52) with
            {
                RandomDeltaPWrong = new Estimate(0.07, 0.02, 0.12),
                RandomDeltaAccuracy = new Estimate(0.04, -0.01, 0.09),
                RandomDeltaEce = new Estimate(-0.09, -0.14, -0.04),
            },
            Arm("random", ArmKinds.RandomControl, 0.49, 0.29, 0.61) with { ControlOf = "oracle-wow" },
            Arm("sft", ArmKinds.SftControl, 0.51, 0.35, 0.55),
        ];
        var bins = new[] { new ReliabilityPoint(0.5, 0.6, 0.55, 0.3, 10), new ReliabilityPoint(0.8, 0.9, 0.86, 0.4, 50), new ReliabilityPoint(0.9, 1.0, 0.97, 0.35, 140) };
        return new MainJobReport
        {
            Settings = [new("model", "models/wow-tiny-sp"), new("train questions", "60")],
            Notes = ["The model was trained on synthetic graphs of the same family."],
            AccWow = acc,
            Arms = arms,
            Reliability = [new("synthetic held-out", "base", bins), new("synthetic held-out", "oracle-wow", bins.Select(b => b with { Accuracy = b.Accuracy + 0.1 }).ToList())],
            Counts = [new("pairing", "wrong-over-wrong pairs", 412)],
            ParsableShares = [new("train", "answers", 0.99, "share")],
            ModelSelection = [new("oracle-wow", "lr 0.0005, 1 epoch(s) (picked): validation mean cor", 0.81, "score"), new("oracle-wow", "lr 0.001, 1 epoch(s): validation mean cor", 0.799, "score")],
            Timings = [new("stage", "sample-train", 31.5, "s")],
            Verdict = ClaimsVerdict.Compute(acc, arms),
        };
    }
}
