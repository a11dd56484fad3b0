namespace WrongOverWrong.Pipeline;

/// <summary>The names of the pipeline's stages, as progress reports and timings carry them, in run order.</summary>
public static class PipelineStages
{
    /// <summary>Sampling N answers per training question from the generator.</summary>
    public const string SampleTraining = "sample-train";

    /// <summary>Grading the training answers with the task's oracle.</summary>
    public const string Grade = "grade";

    /// <summary>Forming WoW and RoW pairs.</summary>
    public const string Pair = "pair";

    /// <summary>Eliciting an order for every WoW pair with each elicitor.</summary>
    public const string Elicit = "elicit";

    /// <summary>Acc_WoW per elicitor and margin, with bootstrap intervals.</summary>
    public const string AccWoW = "acc-wow";

    /// <summary>Drawing the training sets (each source, its random-preference control, its SFT examples).</summary>
    public const string TrainingSets = "training-sets";

    /// <summary>Training each arm (adapters saved in the arm's folder; a rerun loads them).</summary>
    public const string Train = "train";

    /// <summary>Sampling the held-out questions with the base model and each aligned model.</summary>
    public const string SampleEvaluation = "sample-eval";

    /// <summary>Grading the held-out answers and computing the phase-2 metrics.</summary>
    public const string Evaluate = "evaluate";

    /// <summary>All stages in run order.</summary>
    public static IReadOnlyList<string> All { get; } = [SampleTraining, Grade, Pair, Elicit, AccWoW, TrainingSets, Train, SampleEvaluation, Evaluate];
}
