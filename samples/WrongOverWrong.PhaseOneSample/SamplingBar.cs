using Spectre.Console;
using WrongOverWrong.Sources;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>
/// Shows <see cref="SamplingProgress"/> on a progress bar and keeps the latest totals for the
/// summary. Reports race in from worker threads, so only one that is further along replaces the last.
/// </summary>
internal sealed class SamplingBar(ProgressTask bar, string label) : IProgress<SamplingProgress>
{
    private readonly Lock _lock = new();

    public SamplingProgress? Latest { get; private set; }

    public void Report(SamplingProgress value)
    {
        lock (_lock)
        {
            if (Latest is { } last && (value.QuestionsDone, value.Calls).CompareTo((last.QuestionsDone, last.Calls)) < 0)
            {
                return;
            }

            Latest = value;
            bar.Value = value.QuestionsDone;
            bar.Description = $"{label}: sampling {value.QuestionsDone}/{value.QuestionsTotal} ({value.Calls} calls, {value.OutputTokens} tokens out, {value.QuestionsResumed} resumed)";
        }
    }

    public void Complete()
    {
        bar.Value = bar.MaxValue;
        bar.StopTask();
    }
}
