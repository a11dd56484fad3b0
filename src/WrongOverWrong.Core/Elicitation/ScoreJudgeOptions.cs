namespace WrongOverWrong.Elicitation;

/// <summary>Settings of <see cref="ScoreJudgeElicitor"/>.</summary>
public sealed class ScoreJudgeOptions : JudgeOptions
{
    /// <summary>Responses graded per prompt, k (default 5 as in the paper; 1, 2 and 10 are the paper's other settings). It is the most per prompt: a question's last batch holds the remainder when its judged candidates are not a multiple of k.</summary>
    public int BatchSize { get; set; } = 5;

    /// <summary>
    /// When set, a question's candidates are shuffled with this seed before being cut into batches
    /// (stable per question); when <see langword="null"/> (default), batches follow sample order.
    /// </summary>
    public int? ShuffleSeed { get; set; }

    /// <summary>Returns a copy.</summary>
    public ScoreJudgeOptions Clone()
    {
        return (ScoreJudgeOptions)MemberwiseClone();
    }
}
