using System.Globalization;
using System.Text;

namespace WrongOverWrong.MainJob.JudgeModel;

/// <summary>
/// How the judge's training replies are written: the oracle's grade mapped to the score judge's 0-5
/// scale, and the exact reply formats <see cref="Elicitation.JudgeVerdictParser"/> reads.
/// </summary>
/// <remarks>
/// The mapping, on the distance d = |w - w*| between the stated total w and the shortest path's w*
/// (the oracle's training proxy is -d): 5 = correct (d = 0); a wrong answer gets 4 for d &lt;= 1,
/// 3 for d &lt;= 2, 2 for d &lt;= 4 and 1 beyond; an answer the oracle cannot read gets 0. Why the
/// distance and not cor = 1 - d / (L - w*): within a question both order answers the same way (so
/// Acc_WoW, measured on cor, is unaffected), but the generator's wrong answers are mostly near misses
/// whose cor is above 0.75, so equal cor bands put four in five wrong answers on one score, while
/// these distance bands spread them over 1-4 (measured on a 24-question trial: 159 of 198 wrong
/// answers had cor &gt;= 0.75).
/// </remarks>
public static class JudgeScale
{
    /// <summary>The score of a graded answer on the 0-5 scale.</summary>
    /// <param name="grade">The oracle's grade.</param>
    /// <param name="parsable">Whether the oracle could read a stated total.</param>
    public static int Score(Grade grade, bool parsable)
    {
        ArgumentNullException.ThrowIfNull(grade);
        if (grade.IsCorrect)
        {
            return 5;
        }

        if (!parsable || double.IsInfinity(grade.TrainingProxy))
        {
            return 0;
        }

        double distance = -grade.TrainingProxy;
        return distance <= 1 ? 4 : distance <= 2 ? 3 : distance <= 4 ? 2 : 1;
    }

    /// <summary>
    /// The score judge's reply: a one-line reasoning that restates each response's total (the prompt
    /// asks for brief reasoning first, and copying the totals next to the scores is the part a small
    /// model can do reliably), then one <c>Score: n</c> line per response, in order.
    /// </summary>
    /// <param name="statedTotals">Each response's stated total as the oracle read it, or null when unreadable.</param>
    /// <param name="scores">Each response's score.</param>
    public static string ScoreReply(IReadOnlyList<double?> statedTotals, IReadOnlyList<int> scores)
    {
        ArgumentNullException.ThrowIfNull(statedTotals);
        ArgumentNullException.ThrowIfNull(scores);
        if (statedTotals.Count != scores.Count)
        {
            throw new ArgumentException($"{statedTotals.Count} totals for {scores.Count} scores.", nameof(scores));
        }

        var text = new StringBuilder("Stated totals: ")
            .AppendJoin(", ", statedTotals.Select(t => t is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "none"))
            .Append('.');
        foreach (int score in scores)
        {
            text.Append("\nScore: ").Append(score.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The pairwise judge's reply naming response 1 or 2.</summary>
    /// <param name="preferred">1 or 2.</param>
    public static string PairwiseReply(int preferred) =>
        preferred is 1 or 2
            ? string.Create(CultureInfo.InvariantCulture, $"Preferred output: {preferred}")
            : throw new ArgumentOutOfRangeException(nameof(preferred), preferred, "The preferred response is 1 or 2.");
}
