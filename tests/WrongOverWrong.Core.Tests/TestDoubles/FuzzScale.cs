namespace WrongOverWrong.Tests.TestDoubles;

/// <summary>
/// How many times the usual number of fuzz cases to run: <c>WOW_FUZZ_SCALE=20</c> runs twenty times
/// as many (to hunt for rare crashes before a release); unset or invalid, once.
/// </summary>
public static class FuzzScale
{
    /// <summary><paramref name="cases"/> times the scale.</summary>
    public static int Times(int cases) =>
        cases * (int.TryParse(Environment.GetEnvironmentVariable("WOW_FUZZ_SCALE"), out var scale) && scale > 0 ? scale : 1);
}
