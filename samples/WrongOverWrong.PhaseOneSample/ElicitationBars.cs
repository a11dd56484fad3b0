using Spectre.Console;
using WrongOverWrong.Harness;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>One progress bar per elicitor, fed by the harness's <see cref="ElicitationProgress"/>.</summary>
internal sealed class ElicitationBars : IProgress<ElicitationProgress>
{
    private readonly Dictionary<string, ProgressTask> _bars;
    private readonly string _label;

    public ElicitationBars(ProgressContext context, string label, IEnumerable<IPreferenceElicitor> elicitors)
    {
        _label = label;
        _bars = elicitors.ToDictionary(e => e.Name, e => context.AddTask($"{label}: {e.Name}", autoStart: false, maxValue: 1));
    }

    public void Report(ElicitationProgress value)
    {
        var bar = _bars[value.Elicitor];
        lock (bar)
        {
            bar.StartTask();
            bar.MaxValue = value.QuestionsTotal;
            bar.Value = Math.Max(bar.Value, value.QuestionsDone);
            bar.Description = value.Calls == 0
                ? $"{_label}: {value.Elicitor}"
                : $"{_label}: {value.Elicitor} ({value.Calls} calls, {value.OutputTokens} tokens out)";
        }
    }

    public void Complete()
    {
        foreach (var bar in _bars.Values)
        {
            bar.StartTask();
            bar.Value = bar.MaxValue;
            bar.StopTask();
        }
    }
}
