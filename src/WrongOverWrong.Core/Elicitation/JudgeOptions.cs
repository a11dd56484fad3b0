namespace WrongOverWrong.Elicitation;

/// <summary>Settings shared by the LLM judges. Judges decode greedily, as in the paper.</summary>
public abstract class JudgeOptions
{
    /// <summary>The method name in reports; <see langword="null"/> uses the judge's default name.</summary>
    public string? Name { get; set; }

    /// <summary>Decoding temperature (default 0: greedy).</summary>
    public float Temperature { get; set; }

    /// <summary>Maximum new tokens of a judge reply, reasoning included (default 1024).</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>The judge model id to request; <see langword="null"/> uses the client's default.</summary>
    public string? ModelId { get; set; }

    /// <summary>Whether multiple-choice options are shown to the judge (default <see langword="true"/>; the authors' code dropped them).</summary>
    public bool ShowOptions { get; set; } = true;

    /// <summary>Maximum concurrent judge calls of this elicitor (default 8).</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// The prompt template; <see langword="null"/> uses the built-in one. Placeholders, replaced in one
    /// pass (so text substituted in is never read as a placeholder): <c>{question}</c> (the fenced
    /// question), <c>{options}</c> (the options block, or empty), <c>{responses}</c> (the fenced
    /// responses, required) and <c>{count}</c> (the number of responses).
    /// </summary>
    public string? PromptTemplate { get; set; }

    internal void ValidateCommon()
    {
        if (MaxConcurrency < 1)
        {
            throw new ArgumentException($"MaxConcurrency must be at least 1 (was {MaxConcurrency}).", nameof(MaxConcurrency));
        }

        if (PromptTemplate is { } template && !template.Contains("{responses}", StringComparison.Ordinal))
        {
            throw new ArgumentException("PromptTemplate must contain the {responses} placeholder.", nameof(PromptTemplate));
        }
    }
}
