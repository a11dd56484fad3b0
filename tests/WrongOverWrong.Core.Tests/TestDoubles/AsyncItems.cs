namespace WrongOverWrong.Tests.TestDoubles;

/// <summary>Collects an answer source's stream in tests (<c>using static</c>).</summary>
public static class AsyncItems
{
    /// <summary>Every item of <paramref name="items"/>, in order.</summary>
    public static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items) => await items.ToListAsync();
}
