using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Metrics.Statistics;
using WrongOverWrong.Sources;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// Every setting of an <see cref="ExperimentPipeline"/> run; defaults follow the paper. All of them
/// are recorded in the run folder's manifest, and resuming a run with a different value is refused
/// with a message naming the setting.
/// </summary>
public sealed class ExperimentOptions
{
    /// <summary>The run folder every stage writes into (created if missing).</summary>
    public required string RunDirectory { get; set; }

    /// <summary>The generator name stored on training candidates (default <c>self</c>: the policy's base model).</summary>
    public string GeneratorName { get; set; } = "self";

    /// <summary>Answers sampled per training question, N (default 10).</summary>
    public int SamplesPerQuestion { get; set; } = 10;

    /// <summary>Answers sampled per held-out question for evaluation (default 10).</summary>
    public int EvaluationSamplesPerQuestion { get; set; } = 10;

    /// <summary>Sampling temperature for training and evaluation answers (default 1.0).</summary>
    public float Temperature { get; set; } = 1.0f;

    /// <summary>Nucleus top-p (default 1.0).</summary>
    public float TopP { get; set; } = 1.0f;

    /// <summary>Maximum new tokens per response (default 1024).</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>How final answers are read (default: the paper's greedy second turn; <see cref="FinalAnswerExtraction.Direct"/> for one-turn models).</summary>
    public FinalAnswerExtraction Extraction { get; set; } = FinalAnswerExtraction.SecondTurn;

    /// <summary>Maximum concurrent model calls while sampling (default 8). Retries belong to the clients' pipelines (<c>UseResilience()</c>).</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Cap on wrong-over-wrong pairs formed for elicitation (default 10,000, the authors' cap), sampled with <see cref="Seed"/>.</summary>
    public int MaxElicitationPairs { get; set; } = 10_000;

    /// <summary>The margins Acc_WoW is reported at (default M_100, M_50, M_10).</summary>
    public IList<Margin> Margins { get; set; } = [.. Margin.Paper];

    /// <summary>The training-set sources, each trained as its own arm (default: oracle WoW, RoW and the mix).</summary>
    public IList<TrainingSource> TrainingSources { get; set; } = [TrainingSource.OracleWoW, TrainingSource.RightOverWrong, TrainingSource.Mix];

    /// <summary>Optimizers by name, one arm per (source, optimizer) (default <c>dpo</c>; also ipo, simpo, orpo, kto).</summary>
    public IList<string> Optimizers { get; set; } = ["dpo"];

    /// <summary>Train the random-preference control beside every real arm (default true).</summary>
    public bool RandomPreferenceControl { get; set; } = true;

    /// <summary>Train the SFT-on-chosen control beside every source (default true).</summary>
    public bool SftControl { get; set; } = true;

    /// <summary>At most this many training pairs per source (default 4,000; the mix takes half from each side).</summary>
    public int MaxTrainingPairs { get; set; } = 4000;

    /// <summary>A source with fewer pairs than this is not trained (default 10); when no source has enough, training stops with a message listing each source's count.</summary>
    public int MinTrainingPairs { get; set; } = 10;

    /// <summary>Seed of pair caps, training-set draws, coin flips of the random control and the validation split (default 42).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Learning rates of the model-selection grid; empty (default) uses the policy's own.</summary>
    public IList<double> LearningRateGrid { get; set; } = [];

    /// <summary>Epochs of the model-selection grid; empty (default) uses the policy's own.</summary>
    public IList<int> EpochGrid { get; set; } = [];

    /// <summary>Share of held-out questions used for validation (default 0.5, split with <see cref="Seed"/>); the rest is the test set.</summary>
    public double ValidationShare { get; set; } = 0.5;

    /// <summary>An arm whose test parsable share falls below this (or below half the base's) is reported as collapsed (default 0.5).</summary>
    public double CollapseParsableShare { get; set; } = 0.5;

    /// <summary>Bootstrap resamples for every interval (default 1,000; 0 leaves intervals NaN).</summary>
    public int BootstrapResamples { get; set; } = 1000;

    /// <summary>Confidence level of the intervals (default 0.95).</summary>
    public double Confidence { get; set; } = 0.95;

    /// <summary>Questions elicited concurrently (default 4).</summary>
    public int MaxParallelQuestions { get; set; } = 4;

    /// <summary>Returns a deep copy.</summary>
    public ExperimentOptions Clone()
    {
        var copy = (ExperimentOptions)MemberwiseClone();
        copy.Margins = [.. Margins];
        copy.TrainingSources = [.. TrainingSources];
        copy.Optimizers = [.. Optimizers];
        copy.LearningRateGrid = [.. LearningRateGrid];
        copy.EpochGrid = [.. EpochGrid];
        return copy;
    }
}
