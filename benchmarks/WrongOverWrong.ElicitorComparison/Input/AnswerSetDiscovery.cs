namespace WrongOverWrong.ElicitorComparison.Input;

/// <summary>
/// Finds the answer set files a comparison reads from the paths given on the command line: a JSONL
/// file is taken as it is; a folder is searched for pipeline run folders (the main job's run folder
/// holds one in <c>pipeline/</c>; the comparison's own fallback holds one per dataset), and in each
/// for the sampled answer sets the pipeline saves: the training answers (<c>train-graded.jsonl</c>),
/// the base model's held-out answers (<c>eval-answers/base.jsonl</c>) and its transfer answers
/// (<c>transfer-answers/base.jsonl</c>, the real NLGraph questions in the main job).
/// </summary>
public static class AnswerSetDiscovery
{
    private const string GradedTraining = "train-graded.jsonl";
    private const string Training = "train-answers.jsonl";
    private const string HeldOut = "eval-answers";
    private const string Transfer = "transfer-answers";
    private const string BaseArm = "base.jsonl";

    /// <summary>The (dataset name, file) pairs under <paramref name="paths"/>, without duplicates.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <exception cref="FileNotFoundException">A path does not exist, or a folder holds no answer sets.</exception>
    public static IReadOnlyList<(string Name, string File)> Find(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var found = new List<(string Name, string File)>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                found.Add((NameOf(path, label: null), Path.GetFullPath(path)));
                continue;
            }

            if (!Directory.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no such file or folder (--answers takes answer set JSONL files or run folders).", path);
            }

            var runs = RunDirectories(path);
            var before = found.Count;
            foreach (var (label, run) in runs)
            {
                found.AddRange(FilesOf(run).Select(file => (NameOf(file, runs.Count > 1 ? label : null), file)));
            }

            if (found.Count == before)
            {
                throw new FileNotFoundException($"{path}: no answer sets found (looked for {GradedTraining}, {Training}, {HeldOut}/{BaseArm} and {Transfer}/{BaseArm} in it, in pipeline/ and in its subfolders). Run ./run.sh first, or give answer set files.", path);
            }
        }

        // Two names for one file would compare it twice; the same name for two files would mix tables.
        var distinct = found.DistinctBy(f => f.File, StringComparer.Ordinal).ToList();
        return distinct
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .SelectMany(g => g.Count() == 1 ? g : g.Select((f, i) => ($"{f.Name}#{i + 1}", f.File)))
            .ToList();
    }

    /// <summary>Whether <paramref name="folder"/> is a pipeline run folder (it holds sampled answers).</summary>
    /// <param name="folder">The folder.</param>
    public static bool IsRunDirectory(string folder) =>
        File.Exists(Path.Combine(folder, GradedTraining)) || File.Exists(Path.Combine(folder, Training))
        || File.Exists(Path.Combine(folder, HeldOut, BaseArm)) || File.Exists(Path.Combine(folder, Transfer, BaseArm));

    private static List<(string Label, string Folder)> RunDirectories(string folder)
    {
        if (IsRunDirectory(folder))
        {
            return [(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), folder)];
        }

        // The main job's full run (pipeline/) holds everything its phase-1 run (phase1/) does, and more.
        var pipeline = Path.Combine(folder, "pipeline");
        if (IsRunDirectory(pipeline))
        {
            return [("pipeline", pipeline)];
        }

        return Directory.EnumerateDirectories(folder)
            .Where(IsRunDirectory)
            .Order(StringComparer.Ordinal)
            .Select(d => (Path.GetFileName(d), d))
            .ToList();
    }

    private static IEnumerable<string> FilesOf(string run)
    {
        // The graded file is the pipeline's own grading; the raw answers are graded here only when it is missing.
        var graded = Path.Combine(run, GradedTraining);
        var raw = Path.Combine(run, Training);
        if (File.Exists(graded))
        {
            yield return Path.GetFullPath(graded);
        }
        else if (File.Exists(raw))
        {
            yield return Path.GetFullPath(raw);
        }

        foreach (var folder in new[] { HeldOut, Transfer })
        {
            var file = Path.Combine(run, folder, BaseArm);
            if (File.Exists(file))
            {
                yield return Path.GetFullPath(file);
            }
        }
    }

    private static string NameOf(string file, string? label)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        var parent = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)));
        var kind = Path.GetFileName(file) switch
        {
            GradedTraining or Training => "train",
            _ when parent == HeldOut => stem == "base" ? "held-out" : $"held-out-{stem}",
            _ when parent == Transfer => stem == "base" ? "transfer" : $"transfer-{stem}",
            _ => stem,
        };
        return label is null ? kind : $"{label}/{kind}";
    }
}
