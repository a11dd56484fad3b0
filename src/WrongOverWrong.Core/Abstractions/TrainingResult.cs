using System.Globalization;
using System.Text;

namespace WrongOverWrong;

/// <summary>The summary of a training run.</summary>
/// <param name="Optimizer">The optimizer's name.</param>
/// <param name="Steps">Optimizer steps taken in total (including steps before a resume).</param>
/// <param name="FinalLoss">The loss of the last step.</param>
/// <param name="OutputDirectory">Where the final adapter or weights were written, if anywhere.</param>
/// <param name="SkippedExamples">Examples skipped as degenerate (for example chosen equal to rejected), counted.</param>
/// <param name="FinalMetrics">The last step's metrics under TRL's names.</param>
public sealed record TrainingResult(
    string Optimizer,
    int Steps,
    double FinalLoss,
    string? OutputDirectory,
    int SkippedExamples,
    IReadOnlyDictionary<string, double> FinalMetrics)
{
    /// <summary>Why training ended: all steps ran, early stopping, or the collapse guard.</summary>
    public StopReason StopReason { get; init; } = StopReason.Completed;

    /// <summary>A sentence with the numbers behind <see cref="StopReason"/> (for example the guard's share and threshold); null when training completed without restoring anything.</summary>
    public string? StopDetail { get; init; }

    /// <summary>
    /// The optimizer step whose weights the model holds now (and that <see cref="OutputDirectory"/>
    /// received): <see cref="Steps"/> unless the best checkpoint or the last state that passed the
    /// collapse guard was restored; 0 means the weights as handed in. Null when the trainer did not
    /// say, which means the last step.
    /// </summary>
    public int? KeptStep { get; init; }

    /// <summary>The metric that chose the best checkpoint (for example <c>eval_loss</c>), when one was tracked.</summary>
    public string? BestMetricName { get; init; }

    /// <summary>The best value of <see cref="BestMetricName"/> seen, when one was tracked.</summary>
    public double? BestMetric { get; init; }

    /// <summary>
    /// The evaluation metrics (TRL's names with the <c>eval_</c> prefix) of the kept step when it was
    /// evaluated, else of the last evaluation; empty without an evaluation set.
    /// </summary>
    public IReadOnlyDictionary<string, double> EvaluationMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Prints the run's outcome and every final and evaluation metric, sorted by name.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Optimizer}: {Steps} steps, final loss {FinalLoss:G6}, {StopReason}");
        if (KeptStep is int kept && kept != Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $", kept step {kept}");
        }

        if (BestMetricName is not null && BestMetric is double best)
        {
            text.Append(CultureInfo.InvariantCulture, $", best {BestMetricName} {best:G6}");
        }

        if (SkippedExamples > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {SkippedExamples} examples skipped");
        }

        if (StopDetail is not null)
        {
            text.Append(" (").Append(StopDetail).Append(')');
        }

        foreach (var (name, value) in FinalMetrics.Concat(EvaluationMetrics).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"; {name} {value:G6}");
        }

        if (OutputDirectory is not null)
        {
            text.Append("; saved to ").Append(OutputDirectory);
        }

        return text.ToString();
    }
}
