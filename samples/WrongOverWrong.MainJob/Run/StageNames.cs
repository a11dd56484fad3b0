using WrongOverWrong.Pipeline;

namespace WrongOverWrong.MainJob.Run;

/// <summary>What each pipeline stage is called on the progress bars, and what its units are.</summary>
public static class StageNames
{
    /// <summary>The display name and unit of a stage.</summary>
    /// <param name="stage">A <see cref="PipelineStages"/> name.</param>
    public static (string Name, string Unit) Describe(string stage) => stage switch
    {
        PipelineStages.SampleTraining => ("sampling training answers", "questions"),
        PipelineStages.Grade => ("grading", "questions"),
        PipelineStages.Pair => ("pairing", "steps"),
        PipelineStages.Elicit => ("eliciting", "questions"),
        PipelineStages.AccWoW => ("Acc_WoW with bootstrap CIs", "steps"),
        PipelineStages.TrainingSets => ("drawing training sets", "sources"),
        PipelineStages.Train => ("training arms", "arms"),
        PipelineStages.SampleEvaluation => ("sampling held-out answers", "questions"),
        PipelineStages.Evaluate => ("evaluating arms", "arms"),
        _ => (stage, "units"),
    };
}
