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

    /// <summary>
    /// The endpoint named by option values, each falling back to its environment variable; null when
    /// neither a URL nor a model is given.
    /// </summary>
    /// <param name="url">The --endpoint value, or null.</param>
    /// <param name="model">The --endpoint-model value, or null.</param>
    /// <param name="apiKey">The --api-key value, or null.</param>
    /// <param name="role">What the endpoint is used for.</param>
    /// <param name="environment">Reads an environment variable (tests pass their own).</param>
    /// <exception cref="ArgumentException">Only one of URL and model is set, or the URL is not http(s); the message says what to set.</exception>
    public static EndpointSettings? FromValues(string? url, string? model, string? apiKey, EndpointRole role, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        url = Value(url) ?? Value(environment(UrlVariable));
        model = Value(model) ?? Value(environment(ModelVariable));
        apiKey = Value(apiKey) ?? Value(environment(KeyVariable));
        if (url is null && model is null)
        {
            return null;
        }

        if (url is null || model is null)
        {
            throw new ArgumentException($"An endpoint needs both a URL and a model: set {(url is null ? $"{UrlVariable} or --endpoint" : $"{ModelVariable} or --endpoint-model")}.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The endpoint must be an http(s) URL such as http://localhost:11434/v1 (was '{url}').");
        }

        return new EndpointSettings(uri, apiKey, model, role);
    }

    /// <summary>Whether the endpoint generates answers.</summary>
    public bool Generates => Role is EndpointRole.Generator or EndpointRole.Both;

    /// <summary>Whether the endpoint judges pairs.</summary>
    public bool Judges => Role is EndpointRole.Judge or EndpointRole.Both;

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <inheritdoc/>
    public override string ToString() => $"{Model} at {Url} as {Role.ToString().ToLowerInvariant()}{(ApiKey is null ? " (no key)" : string.Empty)}";
}
