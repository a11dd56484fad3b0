namespace WrongOverWrong.IO;

/// <summary>
/// Training preferences as JSON Lines in TRL's paired format: <c>{"prompt","chosen","rejected"}</c>
/// as strings (<see cref="PreferenceTextForm.Standard"/>) or as role/content message lists
/// (<see cref="PreferenceTextForm.Conversational"/>), plus the extra columns <c>questionId</c>,
/// <c>method</c>, <c>kind</c> and <c>gap</c> (the score gap; read as <c>margin</c> too, its former name), which TRL ignores.
/// </summary>
public static class PreferenceJsonLines
{
    /// <summary>Streams the preferences of a file, in either form (detected per field).</summary>
    /// <param name="path">The file.</param>
    /// <param name="requireQuestionId">
    /// Whether <c>questionId</c> must be present; when <see langword="false"/>, files written by other
    /// tools are accepted and a missing id becomes "file:line".
    /// </param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="JsonLinesFormatException">A line is malformed or lacks a field (file, line and field named).</exception>
    public static IAsyncEnumerable<Preference> ReadAsync(string path, bool requireQuestionId = true, CancellationToken cancellationToken = default) =>
        JsonLinesReader.ReadAsync(path, PreferenceJson.PairedReader(requireQuestionId), cancellationToken);

    /// <summary>Opens a writer of preferences, one per line, flushed per line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="form">Plain strings or conversational messages.</param>
    /// <param name="append">Append to an existing file instead of replacing it.</param>
    public static JsonLinesWriter<Preference> OpenWriter(string path, PreferenceTextForm form = PreferenceTextForm.Standard, bool append = false) =>
        new(path, append, PreferenceJson.PairedWriter(form));

    /// <summary>Writes preferences to a new file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="preferences">The preferences.</param>
    /// <param name="form">Plain strings or conversational messages.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task WriteAsync(string path, IEnumerable<Preference> preferences, PreferenceTextForm form = PreferenceTextForm.Standard, CancellationToken cancellationToken = default)
    {
        await using var writer = OpenWriter(path, form);
        await writer.WriteAllAsync(preferences, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a stream of preferences to a new file as they arrive.</summary>
    /// <param name="path">The file.</param>
    /// <param name="preferences">The preferences.</param>
    /// <param name="form">Plain strings or conversational messages.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task WriteAsync(string path, IAsyncEnumerable<Preference> preferences, PreferenceTextForm form = PreferenceTextForm.Standard, CancellationToken cancellationToken = default)
    {
        await using var writer = OpenWriter(path, form);
        await writer.WriteAllAsync(preferences, cancellationToken).ConfigureAwait(false);
    }
}
