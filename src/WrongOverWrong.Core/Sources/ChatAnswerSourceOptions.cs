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
    /// options; each sample's seed (<see cref="Seed"/>) already differs, and the index keeps the entries
    /// apart for clients whose cache key ignores the seed, so a rerun replays the same N samples.
    /// </summary>
    public bool DistinctCacheKeyPerSample { get; set; } = true;

    /// <summary>The key of the sample index in the request's additional properties.</summary>
    public const string SampleIndexKey = "wrongoverwrong.sample";

    /// <summary>
    /// The run seed (default 42). Each (question, sample index) gets its own stable option order and
    /// its own sampling seed, passed as <see cref="Microsoft.Extensions.AI.ChatOptions.Seed"/>: 64-bit
    /// FNV-1a over the UTF-8 question id, then this seed and the sample index (4 bytes each,
    /// little-endian), top bit cleared. A local client then reproduces every answer exactly; remote
    /// servers honour seeds on a best-effort basis.
    /// </summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Whether to sample through <see cref="Chat.IBatchChatClient"/> when the client offers it (default
    /// <see langword="true"/>): every answer of <see cref="QuestionsPerBatch"/> questions in one call, then
    /// their final-answer turns in another. Otherwise, or for clients without it, one call per answer.
    /// </summary>
    public bool BatchWhenAvailable { get; set; } = true;

    /// <summary>Questions sampled per batched call (default 32); their sets are written and yielded when it returns.</summary>
    public int QuestionsPerBatch { get; set; } = 32;

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

        if (QuestionsPerBatch < 1)
        {
            throw new ArgumentException($"QuestionsPerBatch must be at least 1 (was {QuestionsPerBatch}).", nameof(QuestionsPerBatch));
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
