using WrongOverWrong.Metrics.Confidence;
using WrongOverWrong.Pipeline;

namespace WrongOverWrong.Tests.Pipeline;

public sealed class AnswerSetEvaluatorTests
{
    private static GradedCandidate C(string q, int i, double? cor, bool correct, double? logProb) => new(
        new Candidate
        {
            QuestionId = q,
            Index = i,
            Generator = "g",
            Response = "r",
            FinalAnswer = cor is null ? null : "x",
            MeanLogProbability = logProb,
        },
        // The training proxy is unbounded (-5 here); the evaluation must read Cor only.
        cor is { } c ? new Grade(-5, c, correct) : Grade.Unparsable);

    private static GradedAnswerSet Set(string id, params GradedCandidate[] candidates) =>
        new(new Question { Id = id, Task = "t", Prompt = "p" }, candidates);

    [Fact]
    public void Metrics_come_from_cor_with_unparsable_answers_as_cor_zero_and_wrong()
    {
        IReadOnlyList<GradedAnswerSet> sets =
        [
            Set("a", C("a", 0, 1.0, true, Math.Log(0.9)), C("a", 1, 0.6, false, Math.Log(0.5))),
            Set("b", C("b", 0, null, false, Math.Log(0.2)), C("b", 1, 0.2, false, null)),
        ];

        var e = AnswerSetEvaluator.Evaluate(sets, new EvaluationOptions { BootstrapResamples = 0 });

        Assert.Equal(4, e.Answers);
        Assert.Equal(3, e.ParsableAnswers);
        Assert.Equal(0.75, e.ParsableShare.Value, 12);
        Assert.Equal((0.6 + 0.0 + 0.2) / 3, e.PWrong.Value, 12);
        Assert.Equal(0.25, e.Accuracy.Value, 12);
        Assert.Equal(1.8 / 4, e.MeanCor.Value, 12);
        Assert.Equal(1, e.AnswersWithoutConfidence);
        Assert.Equal(Calibration.Ece([0.9, 0.5, 0.2], [true, false, false]), e.Ece.Value, 12);
        Assert.Equal(Brier.Score([0.9, 0.5, 0.2], [true, false, false]), e.Brier.Value, 12);
        Assert.Equal((0.9 + 0.5 + 0.2) / 3, e.MeanConfidence.Value, 12);
        Assert.Equal(10, e.ReliabilityBins.Count);
    }

    [Fact]
    public void Mean_confidence_has_a_bootstrap_interval_and_is_undefined_without_log_probabilities()
    {
        IReadOnlyList<GradedAnswerSet> sets =
        [
            Set("a", C("a", 0, 1.0, true, Math.Log(0.9)), C("a", 1, 0.6, false, Math.Log(0.7))),
            Set("b", C("b", 0, 0.3, false, Math.Log(0.4)), C("b", 1, 0.2, false, Math.Log(0.2))),
        ];

        var e = AnswerSetEvaluator.Evaluate(sets, new EvaluationOptions { BootstrapResamples = 200 });
        Assert.Equal(0.55, e.MeanConfidence.Value, 12);
        Assert.True(e.MeanConfidence.Lower < 0.55 && e.MeanConfidence.Upper > 0.55, $"[{e.MeanConfidence.Lower}, {e.MeanConfidence.Upper}]");
        Assert.InRange(e.MeanConfidence.Lower, 0.29, 0.81); // per-question means are 0.8 and 0.3
        Assert.InRange(e.MeanConfidence.Upper, 0.29, 0.81);

        var none = AnswerSetEvaluator.Evaluate([Set("a", C("a", 0, 1.0, true, null))], new EvaluationOptions { BootstrapResamples = 0 });
        Assert.True(double.IsNaN(none.MeanConfidence.Value));
    }

    [Fact]
    public void A_model_compared_with_itself_differs_by_zero_with_a_degenerate_paired_interval()
    {
        IReadOnlyList<GradedAnswerSet> sets =
        [
            Set("a", C("a", 0, 1.0, true, -0.1), C("a", 1, 0.6, false, -0.7)),
            Set("b", C("b", 0, 0.3, false, -1.2), C("b", 1, 0.2, false, -0.3)),
        ];

        var d = AnswerSetEvaluator.Compare(sets, sets.Reverse().ToList(), new EvaluationOptions { BootstrapResamples = 100 });

        Assert.Equal((0.0, 0.0, 0.0), (d.PWrong.Value, d.PWrong.Lower, d.PWrong.Upper));
        Assert.Equal((0.0, 0.0, 0.0), (d.Ece.Value, d.Ece.Lower, d.Ece.Upper));
    }

    [Fact]
    public void Different_questions_are_refused_by_name()
    {
        var other = Set("b", C("b", 0, 1.0, true, null));
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => AnswerSetEvaluator.Compare([Set("a", C("a", 0, 1.0, true, null))], [other])).Message);
    }
}
