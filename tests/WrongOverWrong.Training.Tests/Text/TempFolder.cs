namespace WrongOverWrong.Training.Tests.Text;

/// <summary>A throwaway folder for tokenizer files written by a test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wow-text-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public string Write(string name, byte[] content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>The shared data folder (../shared/data next to the repository), or null when absent.</summary>
    public static string? SharedData()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "WrongOverWrong.sln")))
        {
            dir = dir.Parent;
        }
        if (dir?.Parent is null)
        {
            return null;
        }
        var data = System.IO.Path.Combine(dir.Parent.FullName, "shared", "data");
        return Directory.Exists(data) ? data : null;
    }
}
