namespace WrongOverWrong.Tasks.Numeric;

/// <summary>Options of <see cref="NumericOracle"/>.</summary>
public sealed class NumericOracleOptions
{
    /// <summary>An answer is correct when |x - x*| &lt; RelativeTolerance · |x*| (default 0.05, SciBench's rule).</summary>
    public double RelativeTolerance { get; set; } = 0.05;

    /// <summary>
    /// When the gold answer is 0 a relative tolerance accepts nothing, so an answer is correct when
    /// |x| &lt;= AbsoluteToleranceAtZero (default 1e-9).
    /// </summary>
    public double AbsoluteToleranceAtZero { get; set; } = 1e-9;
}
