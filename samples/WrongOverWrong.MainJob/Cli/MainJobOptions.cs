namespace WrongOverWrong.MainJob.Cli;

/// <summary>Everything one run of the main job is set up with. Defaults are the offline default run's.</summary>
public sealed record MainJobOptions
{
    /// <summary>Offline elicitors, which need no judge model.</summary>
    public static readonly IReadOnlyList<string> OfflineElicitors = ["consistency", "logprob", "length"];

    /// <summary>Judge elicitors, added when an endpoint judges.</summary>
    public static readonly IReadOnlyList<string> JudgeElicitors = ["pairwise-judge", "score-judge"];

    /// <summary>Synthetic training questions (phase 1 and the preferences).</summary>
    public int TrainQuestions { get; init; } = 120;

    /// <summary>Synthetic held-out questions (evaluation of every arm).</summary>
    public int HeldOutQuestions { get; init; } = 60;

    /// <summary>Answers sampled per question (the paper's N = 10).</summary>
    public int Samples { get; init; } = 10;

    /// <summary>Real NLGraph questions evaluated per arm when the file exists (0 = none).</summary>
    public int NLGraphQuestions { get; init; } = 10;

    /// <summary>Elicitor names; the judge elicitors are added when an endpoint judges.</summary>
    public IReadOnlyList<string> Elicitors { get; init; } = OfflineElicitors;

    /// <summary>Preference sources of the aligned arms: <c>oracle</c>, <c>best</c> (the best offline elicitor), <c>row</c>, <c>mix</c> (the paper's 50:50 RoW + WoW, its best-calibrated source) or an elicitor name.</summary>
    public IReadOnlyList<string> PreferenceSources { get; init; } = ["oracle", "best", "mix"];

    /// <summary>The margin (M_100, M_50, M_10) the elicitor preferences are filtered at.</summary>
    public string Margin { get; init; } = "M50";

    /// <summary>Preference optimizer: dpo, ipo, simpo, orpo, kto.</summary>
    public string Optimizer { get; init; } = "dpo";

    /// <summary>
    /// Passes over the preferences. Several values (or several <see cref="LearningRates"/>) form the
    /// paper's model-selection grid: each arm trains at every point and the one with the best
    /// validation mean cor is reported on the test half of the held-out questions.
    /// </summary>
    public IReadOnlyList<int> EpochCounts { get; init; } = [1];

    /// <summary>
    /// Learning rates of the preference optimizer (default one, 5e-4: at the paper's 5e-5 the tiny model's
    /// LoRA barely moves in a few dozen steps; at 5e-4 plain DPO collapsed it (PROBES.md), so the
    /// default pairs it with <see cref="RpoAlpha"/> 1 and the pipeline's collapse guard). Several form the grid (see <see cref="EpochCounts"/>).
    /// </summary>
    public IReadOnlyList<double> LearningRates { get; init; } = [5e-4];

    /// <summary>Whether the learning rates and epochs form a grid of more than one point (model selection on validation questions).</summary>
    public bool HasGrid => LearningRates.Count * EpochCounts.Count > 1;

    /// <summary>
    /// Weight of the chosen answers' NLL added to DPO (TRL's rpo_alpha; 0 = plain DPO). Wrong-over-wrong
    /// pairs share almost every token, so plain DPO pushes both down; the NLL term keeps the model fluent.
    /// </summary>
    public double RpoAlpha { get; init; } = 1.0;

    /// <summary>At most this many training pairs per arm.</summary>
    public int MaxTrainingPairs { get; init; } = 384;

    /// <summary>A source with fewer pairs than this trains no arm.</summary>
    public int MinTrainingPairs { get; init; } = 10;

    /// <summary>Whether the random-preference and SFT controls are trained.</summary>
    public bool Controls { get; init; } = true;

    /// <summary>Seed of questions, sampling, pairing, bootstrap and training.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Run folder; a rerun with the same folder resumes.</summary>
    public required string RunFolder { get; init; }

    /// <summary>Whether the run folder is emptied first instead of resumed from.</summary>
    public bool Fresh { get; init; }

    /// <summary>libtorch threads.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>The local model: generator and policy (a Hugging Face-layout folder).</summary>
    public required string ModelFolder { get; init; }

    /// <summary>Whether the shipped model is retrained by the train-model recipe first.</summary>
    public bool Retrain { get; init; }

    /// <summary>The real NLGraph shortest-path file; evaluated on when it exists.</summary>
    public string? NLGraphFile { get; init; }

    /// <summary>The endpoint, when one is configured.</summary>
    public EndpointSettings? Endpoint { get; init; }

    /// <summary>A Hugging Face checkpoint folder to align instead of <see cref="ModelFolder"/>.</summary>
    public string? AlignCheckpoint { get; init; }

    /// <summary>The folder of the policy that is aligned.</summary>
    public string PolicyFolder => AlignCheckpoint ?? ModelFolder;
}
