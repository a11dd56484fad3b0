using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>An NLGraph bipartite-matching problem: applicants, jobs and who is interested in what.</summary>
/// <param name="ApplicantCount">Number of applicants, numbered from 0.</param>
/// <param name="JobCount">Number of jobs, numbered from 0.</param>
/// <param name="Interests">The (applicant, job) pairs an applicant is interested in.</param>
public sealed partial record MatchingProblem(int ApplicantCount, int JobCount, IReadOnlyList<(int Applicant, int Job)> Interests)
{
    /// <summary>
    /// Parses NLGraph matching text: "There are A job applicants numbered from 0 to A-1, and J jobs
    /// numbered from 0 to J-1." then "Applicant I is interested in job J, job K." lines.
    /// </summary>
    /// <param name="questionId">The question id, named in errors.</param>
    /// <param name="text">The question text.</param>
    /// <exception cref="FormatException">The counts or interests cannot be parsed; the message names the question.</exception>
    public static MatchingProblem Parse(string questionId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = CountsPattern().Match(text);
        if (!counts.Success)
        {
            throw new FormatException($"Question '{questionId}': no 'There are A job applicants ... and J jobs' sentence found.");
        }

        var applicants = NLGraphText.Node(questionId, counts.Groups[1]);
        var jobs = NLGraphText.Node(questionId, counts.Groups[2]);
        var interests = new List<(int, int)>();
        foreach (Match line in InterestPattern().Matches(text))
        {
            var applicant = NLGraphText.Int(questionId, line.Groups[1]);
            foreach (Match job in JobPattern().Matches(line.Groups[2].Value))
            {
                var j = NLGraphText.Int(questionId, job.Groups[1]);
                if (applicant >= applicants || j >= jobs)
                {
                    throw new FormatException($"Question '{questionId}': applicant {applicant} / job {j} is outside {applicants} applicants and {jobs} jobs.");
                }

                interests.Add((applicant, j));
            }
        }

        if (interests.Count == 0)
        {
            throw new FormatException($"Question '{questionId}': no 'Applicant I is interested in job J' lines found.");
        }

        return new MatchingProblem(applicants, jobs, interests);
    }

    /// <summary>Writes the problem as NLGraph question text.</summary>
    public string ToQuestionText()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"There are {ApplicantCount} job applicants numbered from 0 to {ApplicantCount - 1}, and {JobCount} jobs numbered from 0 to {JobCount - 1}. ");
        builder.Append("Each applicant is interested in some of the jobs. Each job can only accept one applicant and a job applicant can be appointed for only one job.\n");
        foreach (var group in Interests.GroupBy(p => p.Applicant).OrderBy(g => g.Key))
        {
            builder.Append(CultureInfo.InvariantCulture, $"Applicant {group.Key} is interested in {string.Join(", ", group.Select(p => "job " + p.Job.ToString(CultureInfo.InvariantCulture)))}.\n");
        }

        builder.Append("Q: Find an assignment of jobs to applicants in such that the maximum number of applicants find the job they are interested in.\nA:");
        return builder.ToString();
    }

    [GeneratedRegex(@"There are (\d+) job applicants.*?and (\d+) jobs", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex CountsPattern();

    [GeneratedRegex(@"Applicant (\d+) is interested in ([^\n.]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InterestPattern();

    [GeneratedRegex(@"job (\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JobPattern();
}
