namespace WrongOverWrong.Training.Optimization;

/// <summary>The value checks the options types share; each message names the field.</summary>
internal static class OptionChecks
{
    public static void Positive(double value, string name)
    {
        if (!(value > 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} must be a positive finite number, got {value}.", name);
        }
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} must be a non-negative finite number, got {value}.", name);
        }
    }
}
