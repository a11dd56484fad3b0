using System.Text;

namespace WrongOverWrong.Pipeline;

/// <summary>Names of files and folders in the run folder.</summary>
internal static class RunNames
{
    public const string TrainingAnswers = "train-answers.jsonl";
    public const string GradedTrainingAnswers = "train-graded.jsonl";
    public const string Pairing = "pairing.json";
    public const string ElicitFolder = "elicit";
    public const string AccWoW = "acc-wow.json";
    public const string TrainingSetFolder = "training-sets";
    public const string TrainingSetsSummary = "training-sets.json";
    public const string ArmsFolder = "arms";
    public const string EvaluationFolder = "eval-answers";
    public const string TransferFolder = "transfer-answers";
    public const string Report = "report.json";
    public const string ReportMarkdown = "report.md";
    public const string BaseArm = "base";

    /// <summary>A name safe as a file or folder name on every platform.</summary>
    public static string Safe(string name)
    {
        var b = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            b.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or '@' or '=' or ',' ? ch : '_');
        }

        return b.ToString();
    }

    /// <summary>A stable (process-independent) hash, for seeding per-name random streams.</summary>
    public static int StableHash(string text)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var ch in text)
            {
                h = (h ^ ch) * 16777619;
            }

            return h;
        }
    }
}
