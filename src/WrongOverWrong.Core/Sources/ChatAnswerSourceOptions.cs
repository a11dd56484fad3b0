namespace WrongOverWrong.Sources;

/// <summary>Settings of <see cref="ChatAnswerSource"/>; defaults follow the paper (phase 1, step 1).</summary>
public sealed class ChatAnswerSourceOptions
{
    /// <summary>The generator name stored on every candidate (default <c>self</c>); name the model here.</summary>
    public string GeneratorName { get; set; } = "self";

    /// <summary>Samples per question, N (default 10).</summary>
    public int SamplesPerQuestion { get; set; } = 10;

    /// <summary>Sampling temperature (default 1.0).</summary>
    public float Temperature { get; set; } = 1.0f;

    /// <summary>Nucleus sampling top-p (default 1.0).</summary>
    public float TopP { get; set; } = 1.0f;

    /// <summary>Maximum new tokens of a response (default 1024).</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>How the final answer is read (default <see cref="FinalAnswerExtraction.SecondTurn"/>).</summary>
    public FinalAnswerExtraction Extraction { get; set; } = FinalAnswerExtraction.SecondTurn;

    /// <summary>Maximum new tokens of the greedy final-answer turn (default 32).</summary>
    public int FinalAnswerMaxOutputTokens { get; set; } = 32;

    /// <summary>The model id to request, when the client serves several; <see langword="null"/> uses the client's default.</summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// Whether to ask for token log-probabilities (default <see langword="true"/>); the mean is stored as
    /// <see cref="Candidate.MeanLogProbability"/> when the client reports them.
    /// </summary>
    public bool RequestLogProbabilities { get; set; } = true;

    /// <summary>
    /// Whether each sample carries its index in <see cref="Microsoft.Extensions.AI.ChatOptions.AdditionalProperties"/>
    /// (key <see cref="SampleIndexKey"/>), default <see langword="true"/>. A distributed cache keys on the
    /// options, so without it the N identical requests of one question would all replay the first cached
    /// sample; with it, each sample has its own cache entry and a rerun replays the same N samples.
    /// </summary>
    public bool DistinctCacheKeyPerSample { get; set; } = true;

    /// <summary>The key of the sample index in the request's additional properties.</summary>
    public const string SampleIndexKey = "wrongoverwrong.sample";

    /// <summary>Seed of the per-sample option permutations (default 42); each (question, sample) gets its own stable order.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Maximum concurrent model calls (default 8); also the number of questions in flight.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// A JSON Lines file each completed answer set is appended to as it completes; on a rerun the
    /// questions already in it are read back instead of sampled again, provided they match this run
    /// (same <see cref="GeneratorName"/>, <see cref="SamplesPerQuestion"/> candidates, same question
    /// prompt and options); a mismatch or a question id stored twice is an error naming the file and
    /// line, never a silent reuse or resample. <see langword="null"/>: no file.
    /// </summary>
    public string? ResultsPath { get; set; }

    /// <summary>Returns a copy, so that a source's settings cannot change under it.</summary>
    public ChatAnswerSourceOptions Clone() => (ChatAnswerSourceOptions)MemberwiseClone();

    internal void Validate()
    {
        if (SamplesPerQuestion < 1)
        {
            throw new ArgumentException($"SamplesPerQuestion must be at least 1 (was {SamplesPerQuestion}).", nameof(SamplesPerQuestion));
        }

        if (MaxConcurrency < 1)
        {
            throw new ArgumentException($"MaxConcurrency must be at least 1 (was {MaxConcurrency}).", nameof(MaxConcurrency));
        }

        if (string.IsNullOrWhiteSpace(GeneratorName))
        {
            throw new ArgumentException("GeneratorName must not be empty.", nameof(GeneratorName));
        }
    }
}
