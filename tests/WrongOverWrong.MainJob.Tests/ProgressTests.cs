using WrongOverWrong.MainJob.Progress;
using WrongOverWrong.MainJob.Run;
using WrongOverWrong.Pipeline;

namespace WrongOverWrong.MainJob.Tests;

public sealed class ProgressTests
{
    [Fact]
    public void PlainLines_CountAndSayWhenAStageEnds()
    {
        var lines = new List<string>();
        var progress = new PlainStageProgress(lines.Add) { Interval = TimeSpan.Zero };
        using (var stage = progress.Begin("sampling", 4, "questions"))
        {
            stage.Report(2);
            stage.Report(4);
        }

        Assert.Equal("sampling: started (4 questions)", lines[0]);
        Assert.StartsWith("sampling: 2/4 questions, ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("sampling: done, 4 questions in ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void PipelineBars_OneBarPerStage_TrainingAndHeldOutSamplingAlternate()
    {
        var lines = new List<string>();
        var bars = new PipelineProgressBars(new PlainStageProgress(lines.Add) { Interval = TimeSpan.Zero });
        bars.Report(new PipelineProgress(PipelineStages.SampleTraining, 2, 2));
        bars.Report(new PipelineProgress(PipelineStages.SampleEvaluation, 3, 3, "base"));
        bars.Report(new PipelineProgress(PipelineStages.Train, 0, 2, "arm-a"));
        bars.Report(new PipelineProgress(PipelineStages.SampleEvaluation, 1, 3, "arm-a"));
        bars.Report(new PipelineProgress(PipelineStages.Train, 1, 2, "arm-b"));
        bars.Report(new PipelineProgress(PipelineStages.Evaluate, 1, 1));
        bars.Dispose();

        Assert.Single(lines, l => l.StartsWith("sampling held-out answers: started", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("training arms: started", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sampling training answers: done", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("evaluating arms: done", StringComparison.Ordinal));
    }
}
