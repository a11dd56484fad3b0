using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Sampling;

namespace WrongOverWrong.Training.Chat;

/// <summary>Defaults for <see cref="LocalChatClient"/>; a request's <c>ChatOptions</c> override them field by field.</summary>
public sealed class LocalChatClientOptions
{
    /// <summary>Reported as <c>ChatResponse.ModelId</c> and in <c>ChatClientMetadata</c>. Default "local".</summary>
    public string ModelId { get; init; } = "local";

    /// <summary>Most tokens generated when the request sets no <c>MaxOutputTokens</c>. Default 256.</summary>
    public int MaxOutputTokens { get; init; } = 256;

    /// <summary>Temperature when the request sets none. Default 1 (plain sampling, as the paper samples answers); 0 is greedy.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus mass when the request sets no <c>TopP</c>. Default 1 (off).</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Top-k when the request sets no <c>TopK</c>. Default 0 (off).</summary>
    public int TopK { get; init; }

    /// <summary>Reuse keys and values of earlier positions while decoding. Default on.</summary>
    public bool UseKeyValueCache { get; init; } = true;

    /// <summary>
    /// libtorch threads while this client samples (process-wide, set before each call when it differs).
    /// Null (default): <see cref="TorchThreads.PhysicalCoreCount"/>. On a machine shared with other
    /// work, fewer threads than cores avoids oversubscription (see the Training README).
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// KV-cache budget of one generation batch of <see cref="LocalChatClient.GetBatchResponsesAsync"/>,
    /// in positions (rows × (longest prompt + most new tokens)); see <see cref="SequenceSampler.MaxBatchTokens"/>. Default 16,384.
    /// </summary>
    public int MaxBatchTokens { get; init; } = 16_384;
}
