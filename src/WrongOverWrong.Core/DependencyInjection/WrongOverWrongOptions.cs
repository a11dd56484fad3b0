using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.Sources;

namespace WrongOverWrong.DependencyInjection;

/// <summary>
/// All settings of the registered WrongOverWrong services, bound through <c>IOptions&lt;WrongOverWrongOptions&gt;</c>
/// (configure in code or bind a configuration section).
/// </summary>
public sealed class WrongOverWrongOptions
{
    /// <summary>Settings of the registered <see cref="ChatAnswerSource"/>.</summary>
    public ChatAnswerSourceOptions Sampling { get; set; } = new();

    /// <summary>Settings of the registered <see cref="PairwiseJudgeElicitor"/>.</summary>
    public PairwiseJudgeOptions PairwiseJudge { get; set; } = new();

    /// <summary>Settings of the registered <see cref="ScoreJudgeElicitor"/>.</summary>
    public ScoreJudgeOptions ScoreJudge { get; set; } = new();

    /// <summary>Settings of the registered <see cref="ElicitationHarness"/>.</summary>
    public ElicitationHarnessOptions Harness { get; set; } = new();
}
