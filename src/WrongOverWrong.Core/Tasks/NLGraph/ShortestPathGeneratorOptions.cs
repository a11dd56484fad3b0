namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>Options of <see cref="ShortestPathGenerator"/>; defaults match NLGraph's easy questions.</summary>
public sealed class ShortestPathGeneratorOptions
{
    /// <summary>Fewest nodes of a graph (default 5).</summary>
    public int MinNodes { get; set; } = 5;

    /// <summary>Most nodes of a graph (default 10; the longest-path normalizer is exact up to 20).</summary>
    public int MaxNodes { get; set; } = 10;

    /// <summary>Smallest edge weight (default 1).</summary>
    public int MinWeight { get; set; } = 1;

    /// <summary>Largest edge weight (default 4).</summary>
    public int MaxWeight { get; set; } = 4;

    /// <summary>
    /// Probability of each edge beyond a random spanning tree (the tree keeps every graph connected).
    /// Default 0.35, close to NLGraph's easy density.
    /// </summary>
    public double ExtraEdgeProbability { get; set; } = 0.35;

    /// <summary>Fewest edges on the shortest path, so the answer is not a single listed edge (default 2).</summary>
    public int MinPathEdges { get; set; } = 2;

    /// <summary>Seed of the generator (default 42).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Prefix of generated question ids (default <c>synthetic-sp</c>).</summary>
    public string IdPrefix { get; set; } = "synthetic-sp";

    /// <summary>The difficulty label stored in each question's metadata (default <c>easy</c>).</summary>
    public string Difficulty { get; set; } = "easy";

    /// <summary>NLGraph's easy questions: 5-10 nodes, weights 1-4.</summary>
    public static ShortestPathGeneratorOptions Easy(int seed = 42) => new() { Seed = seed };

    /// <summary>NLGraph's hard questions: 11-20 nodes, weights 1-10, sparse.</summary>
    public static ShortestPathGeneratorOptions Hard(int seed = 42) => new()
    {
        MinNodes = 11,
        MaxNodes = 20,
        MinWeight = 1,
        MaxWeight = 10,
        ExtraEdgeProbability = 0.1,
        Seed = seed,
        Difficulty = "hard",
    };
}
