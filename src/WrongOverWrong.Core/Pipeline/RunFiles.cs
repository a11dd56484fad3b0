using System.Text.Json;
using WrongOverWrong.Pipeline.Reports;

namespace WrongOverWrong.Pipeline;

/// <summary>File helpers of the run folder: a stage's output appears whole or not at all.</summary>
internal static class RunFiles
{
    public static void WriteAllTextAtomic(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    public static async Task WriteAtomicAsync(string path, Func<string, Task> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        if (File.Exists(temp))
        {
            File.Delete(temp);
        }

        await write(temp).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    public static void WriteJson<T>(string path, T value) =>
        WriteAllTextAtomic(path, JsonSerializer.Serialize(value, ExperimentReport.JsonOptions));

    public static T? ReadJson<T>(string path)
    {
        if (!File.Exists(path))
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), ExperimentReport.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid ({e.Message}); delete it to recompute this stage.", e);
        }
    }
}
