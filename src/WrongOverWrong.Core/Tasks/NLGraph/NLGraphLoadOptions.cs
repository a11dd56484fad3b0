namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>Options of <see cref="NLGraphLoader.LoadAsync(string, string, NLGraphLoadOptions, CancellationToken)"/>.</summary>
public sealed class NLGraphLoadOptions
{
    /// <summary>Prefix of question ids; default: the file name without extension (ids like <c>shortest_path-0</c>).</summary>
    public string? IdPrefix { get; set; }

    /// <summary>
    /// How gold answers are checked against the exact solver at load (default
    /// <see cref="NLGraphGoldCheckMode.Error"/>: the first disagreement fails the load, named).
    /// </summary>
    public NLGraphGoldCheckMode GoldCheck { get; set; } = NLGraphGoldCheckMode.Error;
}
