namespace WrongOverWrong.Tasks;

/// <summary>The grade of an answer that <see cref="GradingRule.Strict"/> rejects.</summary>
internal static class StrictGrade
{
    /// <summary>
    /// Wrong, evaluation proxy 0, and a training proxy below every valid answer's: valid answers
    /// lie within <paramref name="validRange"/> of the gold value (-|x - x*| &gt;= -validRange), so an
    /// invalid one gets -validRange - 1 - |x - x*|, still ordered by its distance among invalid answers.
    /// </summary>
    public static Grade Invalid(double answer, double gold, double validRange, string detail) =>
        new(-validRange - 1 - Math.Abs(answer - gold), 0, false, detail);
}
