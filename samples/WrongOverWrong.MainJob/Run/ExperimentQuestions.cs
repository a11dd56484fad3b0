using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.MainJob.Run;

/// <summary>
/// The questions of a run: synthetic NLGraph-style shortest-path questions (NLGraph's easy settings)
/// from seeds the shipped model's training and probes never use, and optionally the real NLGraph file.
/// </summary>
public static class ExperimentQuestions
{
    /// <summary>Training questions (phase 1 and the preferences).</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The run's seed.</param>
    public static IReadOnlyList<Question> Training(int count, int seed) => Generate(count, seed, 7_000_000, "job-train");

    /// <summary>Held-out questions (validation and test of every arm).</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The run's seed.</param>
    public static IReadOnlyList<Question> HeldOut(int count, int seed) => Generate(count, seed, 8_000_000, "job-heldout");

    /// <summary>The first <paramref name="count"/> questions of the real NLGraph shortest-path file, or null when the file is missing.</summary>
    /// <param name="path">The file.</param>
    /// <param name="count">How many.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<IReadOnlyList<Question>?> NLGraphAsync(string? path, int count, CancellationToken cancellationToken = default)
    {
        if (path is null || count <= 0 || !File.Exists(path))
        {
            return null;
        }

        var questions = await NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, "nlgraph", cancellationToken).ConfigureAwait(false);
        return questions.Take(count).ToList();
    }

    // The recipe trains on seeds 42 and 43 and probes on 1042 and 1043 (ShippedModelRecipe); these offsets keep clear of them.
    private static List<Question> Generate(int count, int seed, int offset, string prefix)
    {
        var options = ShortestPathGeneratorOptions.Easy(seed + offset);
        options.IdPrefix = prefix;
        options.Difficulty = "easy";
        return new ShortestPathGenerator(options).Generate(count).ToList();
    }
}
