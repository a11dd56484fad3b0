using MathNet.Numerics.Statistics;
using WrongOverWrong.Metrics.Answers;
using WrongOverWrong.Metrics.Confidence;
using WrongOverWrong.Metrics.Internal;
using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Metrics.Statistics;

/// <summary>
/// Seeded percentile-bootstrap confidence intervals. Resampling is over groups, normally
/// questions: answers and pairs from one question are correlated, so resampling them one by one
/// would make intervals too narrow.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// A percentile-bootstrap interval for any statistic of a list of groups: draws
    /// <see cref="BootstrapOptions.Resamples"/> lists of the same size with replacement, evaluates
    /// <paramref name="statistic"/> on each, and takes the percentiles (linear interpolation,
    /// Hyndman-Fan type 7, as numpy's default).
    /// </summary>
    /// <typeparam name="T">The group type (for example all answers or pairs of one question).</typeparam>
    /// <param name="groups">The groups to resample. Must not be empty.</param>
    /// <param name="statistic">The statistic; it must not keep the list it is given. A NaN result marks a resample as undefined.</param>
    /// <param name="options">Resamples, level and seed; <see cref="BootstrapOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The estimate on <paramref name="groups"/> and its interval.</returns>
    /// <exception cref="ArgumentException">Empty groups, fewer than one resample or a level outside (0, 1).</exception>
    public static ConfidenceInterval ConfidenceInterval<T>(
        IReadOnlyList<T> groups,
        Func<IReadOnlyList<T>, double> statistic,
        BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(statistic);
        options ??= BootstrapOptions.Default;
        Validate(options);
        Guard.NotEmpty(groups.Count, nameof(groups));

        double estimate = statistic(groups);

        // System.Random with a seed uses its original, frozen algorithm, so a seed gives the same
        // draws on every platform and runtime version.
        var random = new Random(options.Seed);
        int n = groups.Count;
        var values = new double[options.Resamples];
        int defined = 0;
        for (int r = 0; r < options.Resamples; r++)
        {
            var resample = new T[n];
            for (int i = 0; i < n; i++)
            {
                resample[i] = groups[random.Next(n)];
            }

            double value = statistic(resample);
            if (!double.IsNaN(value))
            {
                values[defined++] = value;
            }
        }

        return Percentiles(estimate, values.AsSpan(0, defined).ToArray(), options);
    }

    /// <summary>
    /// A percentile-bootstrap interval for a statistic of items that come in groups: the groups are
    /// resampled and the statistic sees the concatenation of the drawn groups' items. This is the
    /// usual case: answers or pairs grouped by question, metric computed over the pooled items.
    /// </summary>
    /// <typeparam name="TItem">The item type (an answer, a <see cref="ScoredPair"/>, ...).</typeparam>
    /// <param name="groups">The items of each group. Must not be empty; a group may be empty.</param>
    /// <param name="statistic">The statistic over pooled items; NaN marks a resample as undefined.</param>
    /// <param name="options">Resamples, level and seed; <see cref="BootstrapOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The estimate on all items and its interval.</returns>
    /// <exception cref="ArgumentException">Empty or null groups, fewer than one resample or a level outside (0, 1).</exception>
    public static ConfidenceInterval Pooled<TItem>(
        IReadOnlyList<IReadOnlyList<TItem>> groups,
        Func<TItem[], double> statistic,
        BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(statistic);
        RequireGroups(groups, nameof(groups));
        return ConfidenceInterval(groups, drawn => statistic(Concatenate(drawn)), options);
    }

    /// <summary>A percentile-bootstrap interval for the mean of independent values (each value its own group).</summary>
    /// <param name="values">The values. Must not be empty or hold NaN.</param>
    /// <param name="options">Resamples, level and seed; <see cref="BootstrapOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The mean and its interval.</returns>
    /// <exception cref="ArgumentException">Empty input, a NaN value or bad options.</exception>
    public static ConfidenceInterval Mean(IReadOnlyList<double> values, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Guard.NotEmpty(values.Count, nameof(values));
        for (int i = 0; i < values.Count; i++)
        {
            if (double.IsNaN(values[i]))
            {
                throw new ArgumentException($"values[{i}] is NaN.", nameof(values));
            }
        }

        return ConfidenceInterval(values, drawn =>
        {
            double sum = 0.0;
            for (int i = 0; i < drawn.Count; i++)
            {
                sum += drawn[i];
            }

            return sum / drawn.Count;
        }, options);
    }

    /// <summary>
    /// A percentile-bootstrap interval for Acc_WoW with pairs grouped by question. Each resample
    /// draws questions, pools their pairs and reapplies the margin to the pool, as the paper pools
    /// margins across questions.
    /// </summary>
    /// <param name="pairsByQuestion">The judged pairs of each question. A question may have none.</param>
    /// <param name="accOptions">Margin and tie policy; M_100 when <see langword="null"/>.</param>
    /// <param name="options">Resamples, level and seed; <see cref="BootstrapOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>Acc_WoW on all pairs and its interval. Resamples with no scorable pair are counted as undefined.</returns>
    /// <exception cref="ArgumentException">No question, no pair at all, a bad pair or bad options.</exception>
    public static ConfidenceInterval AccWoW(
        IReadOnlyList<IReadOnlyList<ScoredPair>> pairsByQuestion,
        AccWoWOptions? accOptions = null,
        BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pairsByQuestion);
        Guard.NotEmpty(pairsByQuestion.Count, nameof(pairsByQuestion));
        RequireGroups(pairsByQuestion, nameof(pairsByQuestion));
        try
        {
            // Validate every pair once up front, so a bad pair is reported against the caller's
            // argument rather than surfacing from inside a resample.
            _ = Pairs.AccWoW.Compute(Concatenate(pairsByQuestion), accOptions);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, e.ParamName == "pairs" ? nameof(pairsByQuestion) : nameof(accOptions), e);
        }

        return Pooled(
            pairsByQuestion,
            pairs => pairs.Length == 0 ? double.NaN : Pairs.AccWoW.Compute(pairs, accOptions).Accuracy,
            options);
    }

    /// <summary>A percentile-bootstrap interval for p_wrong with answers grouped by question.</summary>
    /// <param name="answersByQuestion">The graded answers of each question.</param>
    /// <param name="options">Resamples, level and seed; <see cref="BootstrapOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>p_wrong on all answers and its interval; resamples without a wrong answer count as undefined.</returns>
    /// <exception cref="ArgumentException">No question, no answer at all, a proxy outside [0, 1] or bad options.</exception>
    public static ConfidenceInterval PWrong(IReadOnlyList<IReadOnlyList<ScoredAnswer>> answersByQuestion, BootstrapOptions? options = null) =>
        AnswerStatistic(answersByQuestion, static s => s.PWrong, options);

    /// <summary>A percentile-bootstrap interval for Acc with answers grouped by question.</summary>
    /// <param name="answersByQuestion">The graded answers of each question.</param>
    /// <param name="options">Resamples, level and seed; <see cref="BootstrapOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>Acc on all answers and its interval.</returns>
    /// <exception cref="ArgumentException">No question, no answer at all, a proxy outside [0, 1] or bad options.</exception>
    public static ConfidenceInterval Accuracy(IReadOnlyList<IReadOnlyList<ScoredAnswer>> answersByQuestion, BootstrapOptions? options = null) =>
        AnswerStatistic(answersByQuestion, static s => s.Accuracy, options);

    /// <summary>A percentile-bootstrap interval for mean cor with answers grouped by question.</summary>
    /// <param name="answersByQuestion">The graded answers of each question.</param>
    /// <param name="options">Resamples, level and seed; <see cref="BootstrapOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>Mean cor on all answers and its interval.</returns>
    /// <exception cref="ArgumentException">No question, no answer at all, a proxy outside [0, 1] or bad options.</exception>
    public static ConfidenceInterval MeanCor(IReadOnlyList<IReadOnlyList<ScoredAnswer>> answersByQuestion, BootstrapOptions? options = null) =>
        AnswerStatistic(answersByQuestion, static s => s.MeanCor, options);

    /// <summary>A percentile-bootstrap interval for ECE with answers grouped by question.</summary>
    /// <param name="answersByQuestion">The graded answers of each question; every answer needs a confidence.</param>
    /// <param name="calibrationOptions">Bins and binning rule; the paper's 10 equal-width bins when <see langword="null"/>.</param>
    /// <param name="options">Resamples, level and seed; <see cref="BootstrapOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>ECE on all answers and its interval.</returns>
    /// <exception cref="ArgumentException">
    /// No question, no answer at all, an answer without a confidence or with one outside [0, 1], or bad options.
    /// </exception>
    public static ConfidenceInterval Ece(
        IReadOnlyList<IReadOnlyList<ScoredAnswer>> answersByQuestion,
        CalibrationOptions? calibrationOptions = null,
        BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(answersByQuestion);
        // Stryker disable once Statement : an empty list has no answers, so the check of all answers below throws the same exception.
        Guard.NotEmpty(answersByQuestion.Count, nameof(answersByQuestion));
        RequireGroups(answersByQuestion, nameof(answersByQuestion));
        var all = Concatenate(answersByQuestion);
        Guard.NotEmpty(all.Length, nameof(answersByQuestion));
        for (int i = 0; i < all.Length; i++)
        {
            double? c = all[i].Confidence;
            if (!(c >= 0.0 && c <= 1.0))
            {
                throw new ArgumentException(
                    $"Answer {i} (in question order) has confidence {c?.ToString() ?? "null"}; ECE needs a confidence in [0, 1] on every answer.",
                    nameof(answersByQuestion));
            }
        }

        try
        {
            // Stryker disable once Boolean : this call only checks the options; the sample answer's correctness cannot make it throw.
            _ = Calibration.Compute([0.5], [true], calibrationOptions);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, nameof(calibrationOptions), e);
        }

        return Pooled(answersByQuestion, answers =>
        {
            if (answers.Length == 0)
            {
                return double.NaN;
            }

            var confidences = new double[answers.Length];
            var correct = new bool[answers.Length];
            for (int i = 0; i < answers.Length; i++)
            {
                confidences[i] = answers[i].Confidence!.Value;
                correct[i] = answers[i].Correct;
            }

            return Calibration.Ece(confidences, correct, calibrationOptions);
        }, options);
    }

    private static ConfidenceInterval AnswerStatistic(
        IReadOnlyList<IReadOnlyList<ScoredAnswer>> answersByQuestion,
        Func<AnswerSummary, double> pick,
        BootstrapOptions? options)
    {
        ArgumentNullException.ThrowIfNull(answersByQuestion);
        // Stryker disable once Statement : an empty list has no answers, so the check of all answers below throws the same exception.
        Guard.NotEmpty(answersByQuestion.Count, nameof(answersByQuestion));
        RequireGroups(answersByQuestion, nameof(answersByQuestion));
        var all = Concatenate(answersByQuestion);
        Guard.NotEmpty(all.Length, nameof(answersByQuestion));
        for (int i = 0; i < all.Length; i++)
        {
            double p = all[i].Proxy;
            if (!(p >= 0.0 && p <= 1.0))
            {
                throw new ArgumentException($"Answer {i} (in question order) has proxy {p}; answer metrics take cor(a) in [0, 1]. Pass Grade.Cor (the evaluation proxy), not Grade.TrainingProxy, or clip with AnswerMetrics.Cor; encode unparsable answers as 0.", nameof(answersByQuestion));
            }
        }

        return Pooled(answersByQuestion, answers => answers.Length == 0 ? double.NaN : pick(Summarize(answers)), options);
    }

    private static AnswerSummary Summarize(ScoredAnswer[] answers)
    {
        var proxies = new double[answers.Length];
        var correct = new bool[answers.Length];
        for (int i = 0; i < answers.Length; i++)
        {
            proxies[i] = answers[i].Proxy;
            correct[i] = answers[i].Correct;
        }

        return AnswerMetrics.Summarize(proxies, correct);
    }

    private static void Validate(BootstrapOptions options)
    {
        if (options.Resamples < 1)
        {
            throw new ArgumentException($"Resamples must be at least 1, got {options.Resamples}.", nameof(options));
        }

        if (!(options.Level > 0.0 && options.Level < 1.0))
        {
            throw new ArgumentException($"Level must lie in (0, 1), got {options.Level}.", nameof(options));
        }
    }

    private static ConfidenceInterval Percentiles(double estimate, double[] defined, BootstrapOptions options)
    {
        int undefined = options.Resamples - defined.Length;
        if (defined.Length == 0)
        {
            return new ConfidenceInterval(estimate, double.NaN, double.NaN, options.Level, options.Resamples, undefined);
        }

        Array.Sort(defined);
        double tail = (1.0 - options.Level) / 2.0;
        double lower = SortedArrayStatistics.QuantileCustom(defined, tail, QuantileDefinition.R7);
        double upper = SortedArrayStatistics.QuantileCustom(defined, 1.0 - tail, QuantileDefinition.R7);
        return new ConfidenceInterval(estimate, lower, upper, options.Level, options.Resamples, undefined);
    }

    /// <summary>Every group present: a null one is the caller's error, named, not a NullReferenceException later.</summary>
    private static void RequireGroups<TItem>(IReadOnlyList<IReadOnlyList<TItem>> groups, string paramName)
    {
        for (int i = 0; i < groups.Count; i++)
        {
            if (groups[i] is null)
            {
                throw new ArgumentException($"{paramName}[{i}] is null.", paramName);
            }
        }
    }

    private static TItem[] Concatenate<TItem>(IReadOnlyList<IReadOnlyList<TItem>> groups)
    {
        int total = 0;
        for (int i = 0; i < groups.Count; i++)
        {
            total += groups[i].Count;
        }

        var items = new TItem[total];
        int at = 0;
        for (int i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            for (int k = 0; k < group.Count; k++)
            {
                items[at++] = group[k];
            }
        }

        return items;
    }
}
