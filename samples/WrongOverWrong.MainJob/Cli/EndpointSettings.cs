namespace WrongOverWrong.MainJob.Cli;

/// <summary>An OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp server).</summary>
/// <param name="Url">Base URL, e.g. http://localhost:11434/v1.</param>
/// <param name="ApiKey">API key; null for local servers that need none.</param>
/// <param name="Model">Model name the endpoint serves.</param>
/// <param name="Role">Generator, judge or both.</param>
public sealed record EndpointSettings(Uri Url, string? ApiKey, string Model, EndpointRole Role)
{
    /// <summary>Environment variable holding the base URL.</summary>
    public const string UrlVariable = "WOW_ENDPOINT";

    /// <summary>Environment variable holding the API key.</summary>
    public const string KeyVariable = "WOW_API_KEY";

    /// <summary>Environment variable holding the model name.</summary>
    public const string ModelVariable = "WOW_MODEL";

    /// <summary>The line printed when no endpoint is configured.</summary>
    public const string NotConfiguredLine =
        "No endpoint configured: running offline with the local model. To add judge elicitors or an endpoint generator, set WOW_ENDPOINT (e.g. http://localhost:11434/v1) and WOW_MODEL (and WOW_API_KEY if the server needs one), or pass --endpoint/--endpoint-model.";

    /// <summary>Whether the endpoint generates answers.</summary>
    public bool Generates => Role is EndpointRole.Generator or EndpointRole.Both;

    /// <summary>Whether the endpoint judges pairs.</summary>
    public bool Judges => Role is EndpointRole.Judge or EndpointRole.Both;

    /// <inheritdoc/>
    public override string ToString() => $"{Model} at {Url} as {Role.ToString().ToLowerInvariant()}{(ApiKey is null ? " (no key)" : string.Empty)}";
}
