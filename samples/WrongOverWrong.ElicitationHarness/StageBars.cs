using Spectre.Console;
using WrongOverWrong.Pipeline;

namespace WrongOverWrong.Samples.ElicitationRunner;

/// <summary>One progress bar for sampling and one per elicitor, fed by the pipeline's stage reports.</summary>
internal sealed class StageBars : IProgress<PipelineProgress>
{
    private readonly ProgressTask _sampling;
    private readonly Dictionary<string, ProgressTask> _elicitors;
    private readonly string _label;

    public StageBars(ProgressContext context, string label, IEnumerable<IPreferenceElicitor> elicitors)
    {
        _label = label;
        _sampling = context.AddTask($"{label}: sampling", maxValue: 1);
        _elicitors = elicitors.ToDictionary(e => e.Name, e => context.AddTask($"{label}: {e.Name}", autoStart: false, maxValue: 1));
    }

    public void Report(PipelineProgress value)
    {
        var bar = value.Stage switch
        {
            PipelineStages.SampleTraining => _sampling,
            PipelineStages.Elicit when value.Detail is { } name && _elicitors.TryGetValue(name, out var b) => b,
            _ => null,
        };
        if (bar is null)
        {
            return;
        }

        lock (bar)
        {
            bar.StartTask();
            bar.MaxValue = Math.Max(1, value.Total);
            bar.Value = Math.Max(bar.Value, value.Done);
            if (value.Stage == PipelineStages.SampleTraining)
            {
                bar.Description = $"{_label}: sampling {value.Done}/{value.Total}";
            }
        }
    }

    public void Complete()
    {
        foreach (var bar in _elicitors.Values.Append(_sampling))
        {
            bar.StartTask();
            bar.Value = bar.MaxValue;
            bar.StopTask();
        }
    }
}
