namespace WrongOverWrong.IO;

/// <summary>Turns paired preferences into KTO's unpaired form.</summary>
public static class PreferenceConversions
{
    /// <summary>
    /// Splits each pair into its chosen completion (label true) and its rejected completion
    /// (label false), the usual way to feed paired data to KTO.
    /// </summary>
    /// <param name="preferences">The paired preferences.</param>
    public static IEnumerable<UnpairedPreference> ToUnpaired(this IEnumerable<Preference> preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        foreach (var p in preferences)
        {
            yield return new UnpairedPreference(p.QuestionId, p.Prompt, p.Chosen, true);
            yield return new UnpairedPreference(p.QuestionId, p.Prompt, p.Rejected, false);
        }
    }
}
