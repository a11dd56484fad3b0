using System.Globalization;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>The job assignment a matching response states ("applicant 0: job 1", "job 2 -> applicant 1"), checked against the problem.</summary>
internal static partial class StatedAssignment
{
    private const int MaxPairs = 10_000;

    // The patterns take at most 9 digits, so every ASCII number parses; what fails is a number in
    // other Unicode digits, which \d also matches ("applicant ٣: job 1").
    private const string NotAsciiDigits = "the stated assignment writes an applicant or job number in digits other than 0-9";

    /// <summary>
    /// Why the stated assignment is not a valid matching of <paramref name="statedCount"/> pairs, or
    /// <see langword="null"/> when it is. Repeating the same pair is allowed (models restate their assignment).
    /// </summary>
    public static string? Problem(MatchingProblem problem, string response, double statedCount)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(response);
        var pairs = new HashSet<(int Applicant, int Job)>();
        // Both phrasings name their numbers in groups "a" and "j", so one loop reads them all.
        foreach (Match m in ApplicantToJob().Matches(response).Concat(JobToApplicant().Matches(response)))
        {
            if (!Add(pairs, m.Groups["a"].Value, m.Groups["j"].Value))
            {
                return NotAsciiDigits;
            }
        }

        if (pairs.Count == 0)
        {
            return "no assignment stated";
        }

        if (pairs.Count > MaxPairs)
        {
            return "the stated assignment is too long";
        }

        var interests = problem.Interests.ToHashSet();
        foreach (var pair in pairs.OrderBy(p => p.Applicant).ThenBy(p => p.Job))
        {
            if (!interests.Contains(pair))
            {
                return string.Create(CultureInfo.InvariantCulture, $"applicant {pair.Applicant} is not interested in job {pair.Job}");
            }
        }

        if (pairs.GroupBy(p => p.Job).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            return string.Create(CultureInfo.InvariantCulture, $"job {shared.Key} is given to applicants {string.Join(" and ", shared.Select(p => p.Applicant).Order())}");
        }

        if (pairs.GroupBy(p => p.Applicant).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return string.Create(CultureInfo.InvariantCulture, $"applicant {twice.Key} gets jobs {string.Join(" and ", twice.Select(p => p.Job).Order())}");
        }

        return pairs.Count == statedCount
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the stated assignment has {pairs.Count} pairs but the answer states {AnswerText.Format(statedCount)}");
    }

    private static bool Add(HashSet<(int, int)> pairs, string applicant, string job)
    {
        if (!int.TryParse(applicant, NumberStyles.None, CultureInfo.InvariantCulture, out var a) || !int.TryParse(job, NumberStyles.None, CultureInfo.InvariantCulture, out var j))
        {
            return false;
        }

        pairs.Add((a, j));
        return true;
    }

    // "applicant 0: job 1", "Applicant 0 -> job 1", "applicant 0 gets job 1", "applicant 0 is assigned to job 1".
    [GeneratedRegex(@"\bapplicant\s+(?<a>\d{1,9})\s*(?::|->|-->|→|=>|–|-|\s(?:gets|takes|is\s+(?:assigned|matched|appointed)(?:\s+to)?|to|with))\s*(?:job\s+)?(?<j>\d{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApplicantToJob();

    // "job 1 -> applicant 0", "job 1: applicant 0", "job 1 to applicant 0".
    [GeneratedRegex(@"\bjob\s+(?<j>\d{1,9})\s*(?::|->|-->|→|=>|–|-|\s(?:to|for|goes\s+to))\s*applicant\s+(?<a>\d{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JobToApplicant();
}
