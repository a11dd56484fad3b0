using Spectre.Console;
using WrongOverWrong.Chat;
using WrongOverWrong.Pipeline;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>
/// One progress bar for sampling and one per elicitor, fed by the pipeline's stage reports. Calls
/// and tokens come from the clients' <see cref="ChatUsageMeter"/>s: the pipeline runs the elicitors one
/// after another, so the judge's calls since an elicitor's first report are that elicitor's.
/// </summary>
internal sealed class StageBars : IProgress<PipelineProgress>
{
    private readonly Lock _lock = new();
    private readonly ProgressTask _sampling;
    private readonly Dictionary<string, ProgressTask> _elicitors;
    private readonly Dictionary<string, (long Calls, long OutputTokens)> _judgeStart = new(StringComparer.Ordinal);
    private readonly string _label;
    private readonly int _resumed;
    private readonly ChatUsageMeter _generator;
    private readonly ChatUsageMeter _judge;

    public StageBars(ProgressContext context, string label, int questions, int resumed, IEnumerable<IPreferenceElicitor> elicitors, ChatUsageMeter generator, ChatUsageMeter judge)
    {
        _label = label;
        _resumed = resumed;
        _generator = generator;
        _judge = judge;
        _sampling = context.AddTask($"{label}: sampling", maxValue: Math.Max(1, questions));
        _elicitors = elicitors.ToDictionary(e => e.Name, e => context.AddTask($"{label}: {e.Name}", autoStart: false, maxValue: 1), StringComparer.Ordinal);
    }

    public void Report(PipelineProgress value)
    {
        lock (_lock)
        {
            if (value.Stage == PipelineStages.SampleTraining)
            {
                _sampling.MaxValue = Math.Max(1, value.Total);
                _sampling.Value = Math.Max(_sampling.Value, value.Done);
                _sampling.Description = $"{_label}: sampling {(int)_sampling.Value}/{value.Total} ({_generator.Calls} calls, {_generator.OutputTokens} tokens out, {_resumed} resumed)";
            }
            else if (value.Stage == PipelineStages.Elicit && value.Detail is { } name && _elicitors.TryGetValue(name, out var bar))
            {
                if (!_judgeStart.TryGetValue(name, out var start))
                {
                    start = (_judge.Calls, _judge.OutputTokens);
                    _judgeStart[name] = start;
                }

                bar.StartTask();
                bar.MaxValue = Math.Max(1, value.Total);
                bar.Value = Math.Max(bar.Value, value.Done);
                var calls = _judge.Calls - start.Calls;
                bar.Description = calls == 0
                    ? $"{_label}: {name}"
                    : $"{_label}: {name} ({calls} calls, {_judge.OutputTokens - start.OutputTokens} tokens out)";
            }
        }
    }

    public void Complete()
    {
        lock (_lock)
        {
            foreach (var bar in _elicitors.Values.Prepend(_sampling))
            {
                bar.StartTask();
                bar.Value = bar.MaxValue;
                bar.StopTask();
            }
        }
    }
}
