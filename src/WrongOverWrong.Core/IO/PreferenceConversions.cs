namespace WrongOverWrong.IO;

/// <summary>Turns paired preferences into KTO's unpaired form.</summary>
public static class PreferenceConversions
{
    /// <summary>
    /// Splits each pair into its chosen completion (label true) and its rejected completion
    /// (label false), the usual way to feed paired data to KTO. A pair whose chosen text equals
    /// its rejected text (ordinal comparison) carries no preference and gives nothing.
    /// </summary>
    /// <param name="preferences">The paired preferences.</param>
    public static IEnumerable<UnpairedPreference> ToUnpaired(this IEnumerable<Preference> preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return preferences.SelectMany(p => p.ToUnpaired());
    }

    /// <summary>
    /// One pair as unpaired examples: the chosen completion (label true), then the rejected one
    /// (label false); none when chosen equals rejected (ordinal), since one text cannot be both
    /// desirable and undesirable. KTO training uses this same rule.
    /// </summary>
    /// <param name="preference">The paired preference.</param>
    public static IReadOnlyList<UnpairedPreference> ToUnpaired(this Preference preference)
    {
        ArgumentNullException.ThrowIfNull(preference);
        if (string.Equals(preference.Chosen, preference.Rejected, StringComparison.Ordinal))
        {
            return [];
        }

        return
        [
            new UnpairedPreference(preference.QuestionId, preference.Prompt, preference.Chosen, true),
            new UnpairedPreference(preference.QuestionId, preference.Prompt, preference.Rejected, false),
        ];
    }
}
