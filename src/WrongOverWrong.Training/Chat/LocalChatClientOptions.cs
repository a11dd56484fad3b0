namespace WrongOverWrong.Training;

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
}
