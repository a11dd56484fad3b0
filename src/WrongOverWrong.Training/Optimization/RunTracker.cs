using System.Globalization;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Keeps the run's best evaluation (TRL's <c>metric_for_best_model</c> with early-stopping
/// patience) and the collapse guard's last good state, decides when to stop, and restores the
/// weights to keep at the end.
/// </summary>
internal sealed class RunTracker : IDisposable
{
    private readonly TrainerOptions _options;
    private readonly TorchSharp.Modules.Parameter[] _parameters;
    private readonly Dictionary<int, Dictionary<string, double>> _evaluations = [];
    private WeightSnapshot? _best;
    private WeightSnapshot? _lastGood;
    private int _evaluationsWithoutImprovement;
    private int? _lastEvaluationStep;

    public RunTracker(TrainerOptions options, TorchSharp.Modules.Parameter[] parameters)
    {
        _options = options;
        _parameters = parameters;
    }

    public StopReason StopReason { get; private set; } = StopReason.Completed;

    public string? StopDetail { get; private set; }

    public int? BestStep { get; private set; }

    public double? BestValue { get; private set; }

    /// <summary>Records an evaluation: a new best (improved by more than the threshold) resets patience, otherwise patience runs down.</summary>
    public void Evaluated(int step, Dictionary<string, double> metrics)
    {
        _evaluations[step] = metrics;
        _lastEvaluationStep = step;
        double value = metrics[_options.MetricForBestModel];
        bool greater = _options.MetricGreaterIsBetter;
        bool improved = BestValue is not double best
            || (greater ? value > best : value < best) && Math.Abs(value - best) > _options.EarlyStoppingThreshold;
        if (improved)
        {
            BestValue = value;
            BestStep = step;
            _evaluationsWithoutImprovement = 0;
            if (_options.LoadBestModelAtEnd)
            {
                _best?.Dispose();
                _best = WeightSnapshot.Take(_parameters, step);
            }

            return;
        }

        _evaluationsWithoutImprovement++;
        if (_options.EarlyStoppingPatience is int patience && _evaluationsWithoutImprovement >= patience && StopReason == StopReason.Completed)
        {
            StopReason = StopReason.EarlyStopped;
            StopDetail = string.Create(CultureInfo.InvariantCulture, $"{_options.MetricForBestModel} did not improve on {BestValue:G6} (step {BestStep}) in {patience} evaluations");
        }
    }

    /// <summary>Records a passed guard check: the weights of this step become the last good state.</summary>
    public void GuardPassed(int step)
    {
        _lastGood?.Dispose();
        _lastGood = WeightSnapshot.Take(_parameters, step);
    }

    public void GuardFailed(int step, double share, double threshold)
    {
        StopReason = StopReason.CollapseDetected;
        StopDetail = string.Create(CultureInfo.InvariantCulture, $"at step {step} the collapse guard found {share:P1} of answers acceptable, below the threshold {threshold:P1}");
    }

    /// <summary>Restores the weights to keep and returns their step.</summary>
    public int Finish(int lastStep)
    {
        WeightSnapshot? restore = null;
        if (StopReason == StopReason.CollapseDetected)
        {
            // The best evaluation counts only if it came no later than the last state that passed the guard.
            restore = _best is not null && _best.Step <= _lastGood!.Step ? _best : _lastGood;
            StopDetail += $"; restored step {restore!.Step}";
        }
        else if (_options.LoadBestModelAtEnd && _best is not null && _best.Step != lastStep)
        {
            restore = _best;
        }

        restore?.Restore(_parameters);
        return restore?.Step ?? lastStep;
    }

    /// <summary>The evaluation of the kept step, else the last one; empty without evaluations.</summary>
    public IReadOnlyDictionary<string, double> EvaluationMetricsOf(int step) =>
        _evaluations.TryGetValue(step, out var kept) ? kept
        : _lastEvaluationStep is int last ? _evaluations[last]
        : new Dictionary<string, double>();

    public void Dispose()
    {
        _best?.Dispose();
        _lastGood?.Dispose();
    }
}
