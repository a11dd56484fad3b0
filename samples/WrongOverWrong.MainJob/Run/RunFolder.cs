namespace WrongOverWrong.MainJob.Run;

/// <summary>The run folder's layout and the safe way to start it afresh.</summary>
public static class RunFolder
{
    /// <summary>The pipeline's own folder inside the run folder.</summary>
    public const string Pipeline = "pipeline";

    /// <summary>The phase-1-only run that picks the best elicitor before the aligned arms are planned.</summary>
    public const string PhaseOne = "phase1";

    /// <summary>The job's report, JSON.</summary>
    public const string ReportJson = "report.json";

    /// <summary>The job's report, Markdown.</summary>
    public const string ReportMarkdown = "report.md";

    /// <summary>
    /// Deletes <paramref name="folder"/> for <c>--fresh</c>, but only when it looks like a run folder
    /// (it holds a pipeline or phase-1 folder or a report) or is empty, so a mistyped path cannot wipe other data.
    /// </summary>
    /// <param name="folder">The run folder.</param>
    /// <exception cref="InvalidOperationException">The folder holds something else.</exception>
    public static void Clear(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        bool isRun = Directory.Exists(Path.Combine(folder, Pipeline)) || Directory.Exists(Path.Combine(folder, PhaseOne)) || File.Exists(Path.Combine(folder, ReportJson));
        if (!isRun && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new InvalidOperationException($"--fresh refuses to delete {folder}: it is not a run folder of this job (no {Pipeline}/ and no {ReportJson}).");
        }

        Directory.Delete(folder, recursive: true);
    }
}
