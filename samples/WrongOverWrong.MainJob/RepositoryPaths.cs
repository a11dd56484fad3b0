namespace WrongOverWrong.MainJob;

/// <summary>
/// Where the job finds the repository and what it ships: the repository root is the folder holding
/// WrongOverWrong.sln, searched upward from the working directory and then from the program's own
/// folder, so the defaults work from the repository root, from a subfolder and from bin/.
/// </summary>
public static class RepositoryPaths
{
    /// <summary>The shipped model's folder, relative to the repository root.</summary>
    public const string ShippedModelRelative = "models/wow-tiny-sp";

    /// <summary>The shipped judge model's folder (trained by <c>train-judge</c>), relative to the repository root.</summary>
    public const string ShippedJudgeRelative = "models/wow-tiny-judge";

    /// <summary>The real NLGraph shortest-path file, relative to the repository root.</summary>
    public const string NLGraphShortestPathRelative = "../shared/data/nlgraph/shortest_path.json";

    /// <summary>The repository root, or null when no WrongOverWrong.sln is above the working directory or the program.</summary>
    public static string? FindRoot() => FindRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

    /// <summary>The first folder at or above one of <paramref name="starts"/> that holds WrongOverWrong.sln.</summary>
    /// <param name="starts">Folders to search upward from, in order.</param>
    public static string? FindRoot(params string[] starts)
    {
        ArgumentNullException.ThrowIfNull(starts);
        foreach (string start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WrongOverWrong.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves a default path given relative to the repository root; outside a repository it is
    /// taken relative to the working directory.
    /// </summary>
    /// <param name="relative">The path relative to the repository root.</param>
    public static string FromRoot(string relative) =>
        Path.GetFullPath(Path.Combine(FindRoot() ?? Directory.GetCurrentDirectory(), relative));

    /// <summary>A path as the report shows it: relative to the repository root when inside it, else as given.</summary>
    /// <param name="path">A full path.</param>
    public static string Display(string path)
    {
        string? root = FindRoot();
        if (root is null)
        {
            return path;
        }

        string relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
