namespace WrongOverWrong.Pipeline;

/// <summary>A run folder was started with other settings than the ones given now; the message names the first setting that differs.</summary>
public sealed class RunSettingsMismatchException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="setting">The setting's name.</param>
    /// <param name="recorded">Its value in the manifest (<see langword="null"/> when absent).</param>
    /// <param name="given">Its value now (<see langword="null"/> when absent).</param>
    /// <param name="manifestPath">The manifest file.</param>
    public RunSettingsMismatchException(string setting, string? recorded, string? given, string manifestPath)
        : base($"{manifestPath}: setting '{setting}' is {Show(recorded)} in this run folder but {Show(given)} now. Resume with the same settings, or use another run folder.")
    {
        Setting = setting;
        Recorded = recorded;
        Given = given;
        ManifestPath = manifestPath;
    }

    /// <summary>The setting that differs.</summary>
    public string Setting { get; }

    /// <summary>The recorded value.</summary>
    public string? Recorded { get; }

    /// <summary>The value given now.</summary>
    public string? Given { get; }

    /// <summary>The manifest file.</summary>
    public string ManifestPath { get; }

    private static string Show(string? value) => value is null ? "absent" : $"'{value}'";
}
