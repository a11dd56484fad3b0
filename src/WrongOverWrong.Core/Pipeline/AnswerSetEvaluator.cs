using WrongOverWrong.Metrics.Answers;
using WrongOverWrong.Metrics.Confidence;
using WrongOverWrong.Metrics.Statistics;
using WrongOverWrong.Pipeline.Reports;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// The one bridge from graded answer sets to the paper's phase-2 metrics: cor = <see cref="Grade.Cor"/>
/// (the clipped, normalised evaluation proxy; never the training proxy), unparsable answers cor 0
/// and wrong, conf = exp(mean token log-probability), bootstrap intervals over questions, and
/// paired differences between two models on the same questions.
/// </summary>
public static class AnswerSetEvaluator
{
    /// <summary>Evaluates graded answer sets.</summary>
    /// <param name="gradedSets">One graded set per question.</param>
    /// <param name="options">Bins and bootstrap; paper defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">No set or no candidate.</exception>
    public static AnswerEvaluation Evaluate(IReadOnlyList<GradedAnswerSet> gradedSets, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gradedSets);
        options ??= new EvaluationOptions();
        var groups = ToScored(gradedSets, nameof(gradedSets));
        return EvaluateScored(groups, options);
    }

    /// <summary>
    /// The differences <paramref name="arm"/> minus <paramref name="baseline"/> with paired bootstrap
    /// intervals: both are evaluated on the same questions (matched by id), and every resample
    /// draws the same questions for both.
    /// </summary>
    /// <param name="baseline">The base model's graded sets.</param>
    /// <param name="arm">The aligned model's graded sets, on the same questions.</param>
    /// <param name="options">Bins and bootstrap; paper defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The two cover different questions (the first missing id is named).</exception>
    public static DeltaToBase Compare(IReadOnlyList<GradedAnswerSet> baseline, IReadOnlyList<GradedAnswerSet> arm, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(arm);
        options ??= new EvaluationOptions();
        var armById = arm.ToDictionary(s => s.Question.Id, StringComparer.Ordinal);
        if (armById.Count != baseline.Count)
        {
            throw new ArgumentException($"The arm has {arm.Count} question(s) but the baseline {baseline.Count}; a paired comparison needs the same questions.", nameof(arm));
        }

        var paired = new List<(EvaluatedAnswer[] Base, EvaluatedAnswer[] Arm)>(baseline.Count);
        var baseScored = ToScored(baseline, nameof(baseline));
        for (var i = 0; i < baseline.Count; i++)
        {
            var id = baseline[i].Question.Id;
            if (!armById.TryGetValue(id, out var set))
            {
                throw new ArgumentException($"Question '{id}' of the baseline is missing from the arm; a paired comparison needs the same questions.", nameof(arm));
            }

            paired.Add((baseScored[i], ToScored([set], nameof(arm))[0]));
        }

        Estimate Delta(Func<EvaluatedAnswer[], double> metric)
        {
            double Statistic(IReadOnlyList<(EvaluatedAnswer[] Base, EvaluatedAnswer[] Arm)> drawn) =>
                metric([.. drawn.SelectMany(d => d.Arm)]) - metric([.. drawn.SelectMany(d => d.Base)]);
            if (options.BootstrapResamples <= 0)
            {
                return Estimate.Point(Statistic(paired));
            }

            return Estimate.From(Bootstrap.ConfidenceInterval(paired, Statistic, options.Bootstrap));
        }

        return new DeltaToBase
        {
            PWrong = Delta(PWrong),
            Accuracy = Delta(Accuracy),
            Ece = Delta(a => Ece(a, options.Calibration)),
            Brier = Delta(BrierScore),
            MeanCor = Delta(MeanCor),
            ParsableShare = Delta(Parsable),
        };
    }

    /// <summary>Mean cor over all answers of the sets (the model-selection criterion).</summary>
    /// <param name="gradedSets">Graded sets.</param>
    public static double MeanCor(IReadOnlyList<GradedAnswerSet> gradedSets) =>
        MeanCor([.. ToScored(gradedSets, nameof(gradedSets)).SelectMany(a => a)]);

    private static AnswerEvaluation EvaluateScored(IReadOnlyList<EvaluatedAnswer[]> groups, EvaluationOptions options)
    {
        var all = groups.SelectMany(g => g).ToArray();
        if (all.Length == 0)
        {
            throw new ArgumentException("The answer sets hold no candidate; nothing to evaluate.", "gradedSets");
        }

        Estimate Interval(Func<EvaluatedAnswer[], double> metric)
        {
            if (options.BootstrapResamples <= 0)
            {
                return Estimate.Point(metric(all));
            }

            IReadOnlyList<IReadOnlyList<EvaluatedAnswer>> byQuestion = groups;
            return Estimate.From(Bootstrap.Pooled(byQuestion, metric, options.Bootstrap));
        }

        var confident = WithConfidence(all);
        var calibration = confident.Length == 0
            ? null
            : Calibration.Compute(Confidences(confident), Correctness(confident), options.Calibration);
        return new AnswerEvaluation
        {
            Questions = groups.Count,
            Answers = all.Length,
            ParsableAnswers = all.Count(IsParsable),
            ParsableShare = Interval(Parsable),
            PWrong = Interval(PWrong),
            Accuracy = Interval(Accuracy),
            MeanCor = Interval(MeanCor),
            Ece = calibration is null ? Estimate.Undefined : Interval(a => Ece(a, options.Calibration)),
            MeanConfidence = calibration is null ? Estimate.Undefined : Interval(MeanConfidence),
            Mce = calibration is null ? Estimate.Undefined : Estimate.Point(calibration.Mce),
            Brier = calibration is null ? Estimate.Undefined : Interval(BrierScore),
            AnswersWithoutConfidence = all.Length - confident.Length,
            ReliabilityBins = calibration?.Bins ?? [],
        };
    }

    // An unparsable answer is (cor 0, wrong) as in the paper; its confidence is kept when the model
    // reported one, and its parsability is kept for the parsable share.
    private static List<EvaluatedAnswer[]> ToScored(IReadOnlyList<GradedAnswerSet> sets, string parameter)
    {
        if (sets.Count == 0)
        {
            throw new ArgumentException("No answer set given; nothing to evaluate.", parameter);
        }

        var result = new List<EvaluatedAnswer[]>(sets.Count);
        foreach (var set in sets)
        {
            var answers = new EvaluatedAnswer[set.Candidates.Count];
            for (var i = 0; i < answers.Length; i++)
            {
                var c = set.Candidates[i].Candidate;
                var grade = set.Candidates[i].Grade;
                double? confidence = c.MeanLogProbability is { } lp && double.IsFinite(lp) ? Math.Clamp(Math.Exp(lp), 0, 1) : null;
                var cor = c.IsParsable ? grade.Cor : 0.0;
                answers[i] = new EvaluatedAnswer(cor, c.IsParsable && grade.IsCorrect, confidence, c.IsParsable);
            }

            result.Add(answers);
        }

        return result;
    }

    private static double PWrong(EvaluatedAnswer[] a) => a.Length == 0 ? double.NaN : AnswerMetrics.Summarize(a.Select(x => x.Cor).ToArray(), a.Select(x => x.Correct).ToArray()).PWrong;

    private static double Accuracy(EvaluatedAnswer[] a) => a.Length == 0 ? double.NaN : a.Count(x => x.Correct) / (double)a.Length;

    private static double MeanCor(EvaluatedAnswer[] a) => a.Length == 0 ? double.NaN : AnswerMetrics.MeanCor(a.Select(x => x.Cor).ToArray());

    private static double Parsable(EvaluatedAnswer[] a) => a.Length == 0 ? double.NaN : a.Count(IsParsable) / (double)a.Length;

    private static bool IsParsable(EvaluatedAnswer a) => a.Parsable;

    private static double Ece(EvaluatedAnswer[] a, CalibrationOptions options)
    {
        var c = WithConfidence(a);
        return c.Length == 0 ? double.NaN : Calibration.Ece(Confidences(c), Correctness(c), options);
    }

    private static double MeanConfidence(EvaluatedAnswer[] a)
    {
        var c = WithConfidence(a);
        return c.Length == 0 ? double.NaN : c.Average(x => x.Confidence!.Value);
    }

    private static double BrierScore(EvaluatedAnswer[] a)
    {
        var c = WithConfidence(a);
        return c.Length == 0 ? double.NaN : Metrics.Confidence.Brier.Score(Confidences(c), Correctness(c));
    }

    // The confidence metrics (ECE, mean confidence, MCE, Brier) read only the answers that have one.
    private static EvaluatedAnswer[] WithConfidence(EvaluatedAnswer[] a) => a.Where(x => x.Confidence is not null).ToArray();

    private static double[] Confidences(EvaluatedAnswer[] withConfidence) => withConfidence.Select(x => x.Confidence!.Value).ToArray();

    private static bool[] Correctness(EvaluatedAnswer[] withConfidence) => withConfidence.Select(x => x.Correct).ToArray();

    private readonly record struct EvaluatedAnswer(double Cor, bool Correct, double? Confidence, bool Parsable);
}
