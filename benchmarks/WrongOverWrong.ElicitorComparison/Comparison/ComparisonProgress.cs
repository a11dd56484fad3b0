using WrongOverWrong.Harness;

namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>Progress of a comparison: the dataset and the harness's own report.</summary>
/// <param name="Dataset">The dataset being compared.</param>
/// <param name="Elicitation">The elicitor running and how far it got.</param>
public sealed record ComparisonProgress(string Dataset, ElicitationProgress Elicitation);
