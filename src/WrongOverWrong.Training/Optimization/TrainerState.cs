using System.Text.Json.Serialization;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// The <c>trainer_state.json</c> of a checkpoint: where the run stands, and what it was started
/// with so that a resume with different data or options fails loudly instead of silently.
/// </summary>
internal sealed record TrainerState
{
    [JsonPropertyName("optimizer")]
    public required string Optimizer { get; init; }

    [JsonPropertyName("global_step")]
    public required int GlobalStep { get; init; }

    [JsonPropertyName("total_steps")]
    public required int TotalSteps { get; init; }

    [JsonPropertyName("epoch")]
    public required double Epoch { get; init; }

    /// <summary>The data position: the epoch index and the next micro-batch in that epoch's order.</summary>
    [JsonPropertyName("data_epoch")]
    public required int DataEpoch { get; init; }

    [JsonPropertyName("data_next_batch")]
    public required int DataNextBatch { get; init; }

    [JsonPropertyName("examples")]
    public required int Examples { get; init; }

    [JsonPropertyName("data_fingerprint")]
    public required string DataFingerprint { get; init; }

    [JsonPropertyName("seed")]
    public required int Seed { get; init; }

    [JsonPropertyName("schedule")]
    public required string Schedule { get; init; }

    [JsonPropertyName("warmup_steps")]
    public required int WarmupSteps { get; init; }

    /// <summary>
    /// The loss and optimizer settings the run was started with (invariant-culture text), so a resume
    /// with another beta or learning rate is refused; null in checkpoints written before it existed.
    /// </summary>
    [JsonPropertyName("hyper_parameters")]
    public Dictionary<string, string>? HyperParameters { get; init; }

    [JsonPropertyName("last_loss")]
    public required double LastLoss { get; init; }

    [JsonPropertyName("last_metrics")]
    public required Dictionary<string, double> LastMetrics { get; init; }
}
