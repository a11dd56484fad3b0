using WrongOverWrong.Tasks.MultipleChoice;

namespace WrongOverWrong.Tasks.KnowledgeCrosswords;

/// <summary>
/// The Knowledge Crosswords task: four composite options, each filling all 3 blanks; the proxy is
/// the share of blanks filled correctly (0, 1/3, 2/3, 1) and an answer is correct iff it is 1.
/// Questions come from <see cref="KnowledgeCrosswordsLoader"/>.
/// </summary>
public sealed class KnowledgeCrosswordsOracle : MultipleChoiceOracle
{
    /// <inheritdoc />
    public override string Name => TaskNames.KnowledgeCrosswords;
}
