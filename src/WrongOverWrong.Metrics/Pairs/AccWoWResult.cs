namespace WrongOverWrong.Metrics.Pairs;

/// <summary>The outcome of an Acc_WoW computation, with every count needed to audit it.</summary>
/// <param name="Accuracy">
/// <see cref="Correct"/> / <see cref="Denominator"/>; NaN when the denominator is 0 (for example
/// every pair abstained).
/// </param>
/// <param name="Kept">Pairs kept by the margin filter (ties included, abstentions never).</param>
/// <param name="Correct">Kept pairs whose prediction matches the oracle.</param>
/// <param name="Ties">Kept pairs predicted as ties.</param>
/// <param name="Abstentions">Input pairs with no verdict; they are not in any other count but <see cref="Total"/>.</param>
/// <param name="Total">All input pairs.</param>
/// <param name="TiePolicy">The tie policy used, which decides the denominator.</param>
public sealed record AccWoWResult(
    double Accuracy,
    int Kept,
    int Correct,
    int Ties,
    int Abstentions,
    int Total,
    TiePolicy TiePolicy)
{
    /// <summary>The number of pairs the accuracy is a share of: <see cref="Kept"/>, minus the ties when they are excluded.</summary>
    public int Denominator => TiePolicy == TiePolicy.Exclude ? Kept - Ties : Kept;
}
