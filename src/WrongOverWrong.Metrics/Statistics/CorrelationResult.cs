namespace WrongOverWrong.Metrics.Statistics;

/// <summary>A correlation coefficient with its two-sided p-value.</summary>
/// <param name="Coefficient">The coefficient in [-1, 1]; NaN when either input is constant.</param>
/// <param name="PValue">
/// Two-sided p-value for "no correlation" from Student's t with n - 2 degrees of freedom; 0 for a
/// perfect correlation, NaN when the coefficient is NaN.
/// </param>
/// <param name="Count">Number of (x, y) pairs.</param>
public sealed record CorrelationResult(double Coefficient, double PValue, int Count);
