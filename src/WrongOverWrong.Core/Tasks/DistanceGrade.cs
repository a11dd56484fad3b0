namespace WrongOverWrong.Tasks;

/// <summary>The grade rule shared by the numeric-answer oracles: raw proxy -|x - x*|, normalised evaluation proxy.</summary>
internal static class DistanceGrade
{
    /// <summary>
    /// TrainingProxy = -|x - x*|; Cor = clip(1 - |x - x*| / normalizer, 0, 1); a zero normalizer
    /// means only the exact answer scores (1 when exact, 0 otherwise).
    /// </summary>
    public static Grade Create(double answer, double gold, double normalizer, bool isCorrect, string? detail = null)
    {
        var distance = Math.Abs(answer - gold);
        var clipped = normalizer > 0
            ? Math.Clamp(1 - (distance / normalizer), 0, 1)
            : (distance == 0 ? 1 : 0);
        return new Grade(-distance, clipped, isCorrect, detail);
    }
}
