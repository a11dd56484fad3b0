namespace WrongOverWrong.Metrics.Answers;

/// <summary>The paper's answer-level metrics over one evaluation set.</summary>
/// <param name="PWrong">
/// p_wrong ("less wrong", higher is better): mean cor(a) over the wrong answers; NaN when no answer is wrong.
/// </param>
/// <param name="Accuracy">Acc ("more correct"): share of answers that are correct.</param>
/// <param name="MeanCor">Mean cor(a) over all answers (the paper's model-selection criterion).</param>
/// <param name="Count">Number of answers.</param>
/// <param name="WrongCount">Number of wrong answers (the p_wrong denominator).</param>
public sealed record AnswerSummary(double PWrong, double Accuracy, double MeanCor, int Count, int WrongCount);
