namespace WrongOverWrong.Core.Tests.Tasks;

/// <summary>Finds the real data folder: ../shared/data next to the folder holding WrongOverWrong.sln.</summary>
internal static class SharedData
{
    /// <summary>The full path of a file or folder under ../shared/data, or null when it is absent.</summary>
    public static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WrongOverWrong.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relative));
                return File.Exists(path) || Directory.Exists(path) ? path : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The full path of a file the test's <see cref="RequiresSharedDataFactAttribute"/> or
    /// <see cref="RequiresSharedDataTheoryAttribute"/> already required; throws if it vanished.
    /// </summary>
    public static string Require(string relative) =>
        Find(relative) ?? throw new FileNotFoundException($"../shared/data/{relative} not found, although the test's attribute found it.", relative);

    /// <summary>The skip reason for tests needing <paramref name="relativePaths"/>, or null when all exist.</summary>
    public static string? SkipReason(IEnumerable<string> relativePaths)
    {
        var missing = relativePaths.Where(p => Find(p) is null).ToList();
        return missing.Count == 0 ? null : $"needs ../shared/data ({string.Join(", ", missing)}); not found";
    }
}
