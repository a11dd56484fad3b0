namespace WrongOverWrong.Tasks;

/// <summary>An oracle with a choice of <see cref="GradingRule"/>, so reports can say which rule graded the answers.</summary>
public interface IHasGradingRule
{
    /// <summary>The rule this oracle grades by.</summary>
    GradingRule Rule { get; }
}
