using System.Globalization;
using WrongOverWrong.Tasks;

namespace WrongOverWrong.ElicitorComparison.Tests;

/// <summary>
/// A tiny answer set on the built-in numeric task (gold 100 everywhere, so the oracle's cor is
/// 1 - |x - 100| / 100 with one normaliser and its gap ranks exactly like |x1 - x2| distances).
/// </summary>
internal static class TinyAnswerSets
{
    public const double Gold = 100;

    // Every answer is wrong (none equals 100), distances differ, so every pair of distinct distances is a WoW pair.
    private static readonly double[][] Answers =
    [
        [90, 80, 120, 50, 93],
        [60, 89, 130, 75],
        [10, 105, 140, 85, 95, 70],
    ];

    /// <summary>Ungraded answer sets, as a sampler writes them.</summary>
    public static IReadOnlyList<AnswerSet> Ungraded() =>
        Answers.Select((xs, q) =>
        {
            var question = new Question { Id = $"q{q}", Task = TaskNames.Numeric, Prompt = $"Question {q}?", GoldAnswer = Gold.ToString(CultureInfo.InvariantCulture) };
            var candidates = xs.Select((x, i) => new Candidate
            {
                QuestionId = question.Id,
                Index = i,
                Generator = "tiny",
                Response = new string('x', 10 + i) + $" The answer is {x.ToString(CultureInfo.InvariantCulture)}.",
                FinalAnswer = x.ToString(CultureInfo.InvariantCulture),
                MeanLogProbability = -1.0 - (0.1 * i),
                TokenCount = 10 + i,
            }).ToList();
            return new AnswerSet(question, candidates);
        }).ToList();

    /// <summary>The same sets graded by the library's numeric oracle.</summary>
    public static IReadOnlyList<GradedAnswerSet> Graded()
    {
        var task = TaskRegistry.CreateDefault().Get(TaskNames.Numeric);
        return Ungraded().Select(task.GradeAll).ToList();
    }

    /// <summary>Wrong-over-wrong pairs of the tiny set: pairs of answers at different distances from the gold.</summary>
    public static int WrongOverWrongPairs() =>
        Answers.Sum(xs =>
        {
            var d = xs.Select(x => Math.Abs(x - Gold)).ToArray();
            var n = 0;
            for (var i = 0; i < d.Length; i++)
            {
                for (var j = i + 1; j < d.Length; j++)
                {
                    n += d[i] != d[j] ? 1 : 0;
                }
            }

            return n;
        });
}
