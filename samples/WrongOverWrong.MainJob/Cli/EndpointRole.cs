namespace WrongOverWrong.MainJob.Cli;

/// <summary>What a configured OpenAI-compatible endpoint is used for.</summary>
public enum EndpointRole
{
    /// <summary>The endpoint judges pairs (the judge elicitors); the local model generates and is aligned.</summary>
    Judge,

    /// <summary>The endpoint generates the answers; the local model (or <c>--align-checkpoint</c>) is aligned.</summary>
    Generator,

    /// <summary>The endpoint generates and judges.</summary>
    Both,
}
