namespace WrongOverWrong.Core.Tests.Tasks;

/// <summary>Finds the real data folder: ../shared/data next to the folder holding WrongOverWrong.sln.</summary>
internal static class SharedData
{
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
}
