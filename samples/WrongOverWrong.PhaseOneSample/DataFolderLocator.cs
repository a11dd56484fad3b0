namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>
/// Finds the shared data: ../shared/data next to the repository (the folder with
/// WrongOverWrong.sln), searched upward from the current folder and then from the program.
/// </summary>
internal static class DataFolderLocator
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WrongOverWrong.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                }
            }
        }

        return null;
    }
}
