namespace WrongOverWrong.Training.Tests.Text;

/// <summary>
/// A fact that needs a file of the real data folder (../shared/data next to the folder holding
/// WrongOverWrong.sln). When it is absent the runner reports the test as skipped with the reason,
/// instead of counting an early return as a pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresSharedDataFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute; the test is skipped unless the file exists.</summary>
    /// <param name="relativePath">A file relative to ../shared/data, e.g. "nlgraph/shortest_path.json".</param>
    public RequiresSharedDataFactAttribute(string relativePath)
    {
        var data = TempFolder.SharedData();
        if (data is null || !File.Exists(Path.Combine(data, relativePath)))
        {
            Skip = $"needs ../shared/data/{relativePath} next to the repository; not found";
        }
    }
}
