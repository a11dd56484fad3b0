using System.Globalization;
using System.Text.Json;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// The <c>checkpoint-&lt;step&gt;/</c> folders of a run. Each is written to a temporary folder and
/// renamed into place, so a crash mid-write never leaves a half checkpoint under the real name,
/// and only complete folders (with <c>trainer_state.json</c>) count when resuming.
/// </summary>
internal sealed class CheckpointStore
{
    public const string StateFileName = "trainer_state.json";
    public const string OptimizerFileName = "optimizer.bin";
    private const string Prefix = "checkpoint-";
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly string _root;
    private readonly int? _keep;

    public CheckpointStore(string root, int? keep)
    {
        _root = root;
        _keep = keep;
        Directory.CreateDirectory(root);
    }

    /// <summary>The newest complete checkpoint folder, or null.</summary>
    public string? Latest() => Complete().Select(c => c.Path).LastOrDefault();

    /// <summary>Writes a checkpoint: <paramref name="writeContents"/> fills a temporary folder, which is then renamed.</summary>
    public string Save(int step, TrainerState state, Action<string> writeContents)
    {
        string final = Path.Combine(_root, Prefix + step.ToString(CultureInfo.InvariantCulture));
        string temporary = Path.Combine(_root, $".tmp-{Prefix}{step}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            writeContents(temporary);
            File.WriteAllText(Path.Combine(temporary, StateFileName), JsonSerializer.Serialize(state, JsonOptions));
            if (Directory.Exists(final))
            {
                // A checkpoint of the same step from an earlier attempt: move it aside before replacing it.
                string stale = final + $".stale-{Guid.NewGuid():N}";
                Directory.Move(final, stale);
                Directory.Delete(stale, recursive: true);
            }

            Directory.Move(temporary, final);
        }
        catch
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }

            throw;
        }

        Prune();
        return final;
    }

    /// <summary>Reads a checkpoint's trainer state; the message names the file when it is unreadable.</summary>
    public static TrainerState ReadState(string checkpoint)
    {
        string path = Path.Combine(checkpoint, StateFileName);
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"'{path}' holds no trainer state.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid trainer state: {e.Message}", e);
        }
    }

    private void Prune()
    {
        if (_keep is not int keep)
        {
            return;
        }

        var complete = Complete();
        foreach (var (_, path) in complete.Take(Math.Max(0, complete.Count - keep)))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private List<(int Step, string Path)> Complete()
    {
        var found = new List<(int Step, string Path)>();
        foreach (string directory in Directory.EnumerateDirectories(_root, Prefix + "*"))
        {
            string name = Path.GetFileName(directory);
            if (int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int step)
                && File.Exists(Path.Combine(directory, StateFileName)))
            {
                found.Add((step, directory));
            }
        }

        found.Sort((a, b) => a.Step.CompareTo(b.Step));
        return found;
    }
}
