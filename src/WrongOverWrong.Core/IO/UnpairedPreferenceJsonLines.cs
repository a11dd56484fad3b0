namespace WrongOverWrong.IO;

/// <summary>
/// Unpaired preferences as JSON Lines in TRL's KTO format: <c>{"prompt","completion","label"}</c>,
/// plain or conversational, plus the extra column <c>questionId</c>.
/// </summary>
public static class UnpairedPreferenceJsonLines
{
    /// <summary>Streams the unpaired preferences of a file, in either form.</summary>
    /// <param name="path">The file.</param>
    /// <param name="requireQuestionId">Whether <c>questionId</c> must be present (a missing id otherwise becomes "file:line").</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="JsonLinesFormatException">A line is malformed or lacks a field (file, line and field named).</exception>
    public static IAsyncEnumerable<UnpairedPreference> ReadAsync(string path, bool requireQuestionId = true, CancellationToken cancellationToken = default) =>
        JsonLinesReader.ReadAsync(path, PreferenceJson.UnpairedReader(requireQuestionId), cancellationToken);

    /// <summary>Opens a writer of unpaired preferences, one per line, flushed per line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="form">Plain strings or conversational messages.</param>
    /// <param name="append">Append to an existing file instead of replacing it.</param>
    public static JsonLinesWriter<UnpairedPreference> OpenWriter(string path, PreferenceTextForm form = PreferenceTextForm.Standard, bool append = false) =>
        new(path, append, PreferenceJson.UnpairedWriter(form));

    /// <summary>Writes unpaired preferences to a new file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="preferences">The labelled completions.</param>
    /// <param name="form">Plain strings or conversational messages.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task WriteAsync(string path, IEnumerable<UnpairedPreference> preferences, PreferenceTextForm form = PreferenceTextForm.Standard, CancellationToken cancellationToken = default)
    {
        await using var writer = OpenWriter(path, form);
        await writer.WriteAllAsync(preferences, cancellationToken).ConfigureAwait(false);
    }
}
