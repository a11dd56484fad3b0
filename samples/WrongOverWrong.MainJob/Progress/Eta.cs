using System.Globalization;

namespace WrongOverWrong.MainJob.Progress;

/// <summary>Elapsed time and a linear estimate of the time left.</summary>
public static class Eta
{
    /// <summary>"12 s elapsed, about 40 s left" (no estimate before the first unit is done).</summary>
    /// <param name="elapsed">Time since the stage began.</param>
    /// <param name="done">Units done.</param>
    /// <param name="total">Units in all.</param>
    public static string Format(TimeSpan elapsed, int done, int total)
    {
        string spent = Seconds(elapsed.TotalSeconds) + " elapsed";
        if (done <= 0 || total <= done)
        {
            return spent;
        }

        double left = elapsed.TotalSeconds / done * (total - done);
        return $"{spent}, about {Seconds(left)} left";
    }

    private static string Seconds(double seconds) =>
        seconds < 120
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.0} min");
}
