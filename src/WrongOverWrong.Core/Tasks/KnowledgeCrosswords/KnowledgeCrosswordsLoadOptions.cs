namespace WrongOverWrong.Tasks.KnowledgeCrosswords;

/// <summary>Options of <see cref="KnowledgeCrosswordsLoader"/>.</summary>
public sealed class KnowledgeCrosswordsLoadOptions
{
    /// <summary>Seed of the composite-option construction (default 42, the paper's seed).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Prefix of question ids (ids repeat across the benchmark's files); default: the file name
    /// without extension, giving ids such as <c>MC_easy-77</c>.
    /// </summary>
    public string? IdPrefix { get; set; }
}
